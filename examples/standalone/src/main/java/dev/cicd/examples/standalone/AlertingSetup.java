package dev.cicd.examples.standalone;

import dev.cicd.alerts.slack.SlackAlertSink;
import dev.cicd.alerts.slack.SlackConfig;
import dev.cicd.alerts.smtp.SmtpAlertSink;
import dev.cicd.alerts.smtp.SmtpConfig;
import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertDispatcher;
import dev.cicd.core.alert.AlertEngine;
import dev.cicd.core.alert.AlertEngineBuilder;
import dev.cicd.core.alert.AlertSink;
import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.InMemoryAlertStore;
import dev.cicd.store.jpa.alert.JpaAlertStore;
import dev.cicd.core.alert.InvalidAlertConfigException;
import dev.cicd.core.alert.LoggingAlertSink;
import dev.cicd.store.jpa.JpaBuildStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting from the settings: the channels (the log always; Slack and e-mail when configured), the alert
 * store, the rule engine and the outbox dispatcher.
 */
final class AlertingSetup {
  private static final Logger LOG = LoggerFactory.getLogger(AlertingSetup.class);
  private static final Map<String, String> SMTP_VARIABLES = Map.of(
      "host", "CICD_SMTP_HOST", "port", "CICD_SMTP_PORT", "from", "CICD_SMTP_FROM", "to", "CICD_SMTP_TO",
      "username", "CICD_SMTP_USER", "messageIdDomain", "CICD_SMTP_FROM");

  private AlertingSetup() {}

  /**
   * @param demoConfig the rules to use when the alert store holds no saved configuration
   */
  static AlertingComponent create(Settings settings, JpaBuildStore buildStore, Clock clock,
      Optional<AlertConfig> demoConfig) {
    List<AlertSink> sinks = sinks(settings, clock);
    AlertStore alertStore = alertStore(buildStore);
    List<String> channels = sinks.stream().map(AlertSink::id).toList();
    AlertEngineBuilder engine = AlertEngine.builder().buildStore(buildStore).alertStore(alertStore).clock(clock)
        .channels(channels);
    if (alertStore.loadConfig().isEmpty()) {
      demoConfig.ifPresent(engine::config);
    }
    AlertEngine built;
    try {
      built = engine.build();
    } catch (InvalidAlertConfigException e) {
      LOG.warn("The saved alert configuration does not fit the channels configured now ({}): {}. Using the default"
          + " rules until an admin saves a new configuration.", channels, e.getMessage());
      built = engine.config(AlertConfig.defaults()).build();
    }
    AlertDispatcher dispatcher = AlertDispatcher.builder().store(alertStore).sinks(sinks).clock(clock).build();
    return new AlertingComponent(built, alertStore, dispatcher, describe(settings), !(alertStore instanceof InMemoryAlertStore));
  }

  /**
   * Alert state, history, configuration and the outbox, in the build store's database: they survive
   * restarts, and instances sharing a PostgreSQL database share them (the outbox is claimed under leases).
   */
  private static AlertStore alertStore(JpaBuildStore buildStore) {
    return JpaAlertStore.sharing(buildStore);
  }

  static List<AlertSink> sinks(Settings settings, Clock clock) {
    List<AlertSink> sinks = new ArrayList<>();
    sinks.add(new LoggingAlertSink("log"));
    settings.slackWebhookUrl().ifPresent(url -> sinks.add(new SlackAlertSink(ConfigErrors.naming(
        "CICD_SLACK_WEBHOOK_URL", Map.of(), () -> SlackConfig.builder().webhookUrl(url.toString()).build()), clock)));
    settings.smtp().ifPresent(smtp -> sinks.add(new SmtpAlertSink(smtpConfig(smtp), clock)));
    return sinks;
  }

  static SmtpConfig smtpConfig(Settings.Smtp smtp) {
    return ConfigErrors.naming("CICD_SMTP_HOST", SMTP_VARIABLES, () -> {
      SmtpConfig.Builder b = SmtpConfig.builder().host(smtp.host()).port(smtp.port())
          .security(SmtpConfig.Security.valueOf(smtp.security().toUpperCase(Locale.ROOT)))
          .from(smtp.from()).to(smtp.to());
      if (smtp.user().isPresent() && smtp.password().isPresent()) {
        b.credentials(smtp.user().get(), smtp.password().get());
      }
      return b.build();
    });
  }

  /** Channel descriptions for the start-up summary, without secrets. */
  static List<String> describe(Settings settings) {
    List<String> channels = new ArrayList<>();
    channels.add("log");
    settings.slackWebhookUrl().ifPresent(url -> channels.add("slack (incoming webhook on " + url.getHost() + ", URL ****)"));
    settings.smtp().ifPresent(smtp -> channels.add("email (" + smtp.host() + ":" + smtp.port() + " " + smtp.security()
        + (smtp.user().isPresent() ? ", user " + smtp.user().get() + ", password ****" : "") + ", to "
        + String.join(", ", smtp.to()) + ")"));
    return channels;
  }
}
