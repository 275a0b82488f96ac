package dev.cicd.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.DeliveryAttemptResult;
import dev.cicd.core.alert.InvalidAlertConfigException;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.http.Alerting;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/alerts} (open alerts, history, silences, channels, outbox counts, configuration),
 * {@code POST /api/alerts/configure} (replace rules and receivers, validated) and
 * {@code POST /api/alert/test} (send a test notification through a channel). Without alerting
 * configured they answer 501.
 */
public final class AlertsHandler {
  static final Set<String> LIST_PARAMETERS = Set.of("limit", "fingerprint");

  private final @Nullable Alerting alerting;
  private final AlertJson alertJson;
  private final Json json;
  private final long maxBodyBytes;
  private final Clock clock;

  public AlertsHandler(@Nullable Alerting alerting, Json json, long maxBodyBytes, Clock clock) {
    this.alerting = alerting;
    this.alertJson = new AlertJson(json);
    this.json = json;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  public void list(Exchange exchange) throws IOException {
    Alerting a = required();
    QueryParams query = exchange.query().allowOnly(LIST_PARAMETERS);
    int limit = query.integer("limit", 1, 500, 100);
    String fingerprint = query.string("fingerprint");
    if (fingerprint != null && !fingerprint.matches("[0-9a-f]{64}")) {
      throw HttpProblem.badRequest("fingerprint must be 64 lower-case hex digits");
    }
    ObjectNode body = json.object();
    ArrayNode open = body.putArray("open");
    a.store().instances(EnumSet.of(AlertState.PENDING, AlertState.FIRING))
        .forEach(i -> open.add(alertJson.instance(i)));
    ArrayNode history = body.putArray("history");
    a.store().transitions(fingerprint, limit).forEach(t -> history.add(alertJson.transition(t)));
    ArrayNode silences = body.putArray("silences");
    a.store().activeSilences(clock.instant()).forEach(s -> silences.add(alertJson.silence(s)));
    ArrayNode channels = body.putArray("channels");
    a.dispatcher().health().forEach(h -> channels.add(alertJson.channel(h)));
    ObjectNode outbox = body.putObject("outbox");
    Map<OutboxStatus, Long> counts = a.store().outboxCounts();
    for (OutboxStatus status : OutboxStatus.values()) {
      outbox.put(status.name().toLowerCase(Locale.ROOT), counts.getOrDefault(status, 0L));
    }
    body.set("config", alertJson.config(a.engine().config()));
    json.write(exchange.response(), 200, body);
  }

  public void configure(Exchange exchange) throws IOException {
    Alerting a = required();
    exchange.query().allowOnly(Set.of());
    AlertConfig config = AlertConfigParser.parse(json.parse(exchange.body(maxBodyBytes)));
    try {
      a.engine().configure(config);
    } catch (InvalidAlertConfigException e) {
      throw HttpProblem.badRequest("the alert configuration is not valid: " + e.problems().size() + " problem(s)")
          .errors(e.problems());
    }
    json.write(exchange.response(), 200, alertJson.config(a.engine().config()));
  }

  public void test(Exchange exchange) throws IOException {
    Alerting a = required();
    exchange.query().allowOnly(Set.of());
    JsonNode body = json.parse(exchange.body(maxBodyBytes));
    JsonNode channel = body.path("channel");
    if (!channel.isTextual()) {
      throw HttpProblem.badRequest("the body must be {\"channel\": \"<channel id>\"}");
    }
    DeliveryAttemptResult result;
    try {
      result = a.dispatcher().sendTest(channel.asText());
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest(e.getMessage());
    }
    ObjectNode answer = json.object();
    answer.put("channel", channel.asText());
    if (result instanceof DeliveryAttemptResult.Delivered delivered) {
      answer.put("status", "delivered");
      answer.put("detail", delivered.note());
      json.write(exchange.response(), 200, answer);
      return;
    }
    String reason = result instanceof DeliveryAttemptResult.RetryLater r ? r.reason()
        : ((DeliveryAttemptResult.Permanent) result).reason();
    throw new HttpProblem(502, "Bad Gateway", "the channel did not accept the test notification: " + reason);
  }

  private Alerting required() {
    if (alerting == null) {
      throw new HttpProblem(501, "Not Implemented",
          "alerting is not configured: pass an Alerting to the CicdDashboardServlet");
    }
    return alerting;
  }
}
