package dev.cicd.examples.standalone;

import dev.cicd.core.Cicd;
import dev.cicd.core.CicdBuilder;
import dev.cicd.core.ingest.InboxSettings;
import dev.cicd.examples.standalone.demo.DemoMode;
import dev.cicd.github.GitHubSource;
import dev.cicd.http.CicdDashboardServlet;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone app: settings → store → {@link Cicd} with the GitHub source and alerting → servlet in
 * Jetty. {@link #close()} undoes it in reverse: the demo feed, the web server (graceful), background work
 * and the outbox, then the database pool.
 */
final class StandaloneApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StandaloneApp.class);

  private final Settings settings;
  private final Clock clock;
  private Stores.@Nullable Opened store;
  private @Nullable Cicd cicd;
  private @Nullable JettyServer jetty;
  private @Nullable DemoMode demo;
  private boolean closed;

  StandaloneApp(Settings settings) {
    this(settings, Clock.systemUTC());
  }

  StandaloneApp(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * @throws SettingsException when a value is rejected by a library builder (names the variable)
   * @throws StartupException when the database or the port is not usable
   */
  synchronized void start() {
    long begin = System.nanoTime();
    try {
      Stores.Opened opened = Stores.open(settings);
      store = opened;
      Optional<GitHubSource> github = GitHubSetup.source(settings);
      AlertingComponent alerting = AlertingSetup.create(settings, opened.store(), clock,
          settings.demo() ? Optional.of(DemoMode.alertConfig()) : Optional.empty());
      CicdBuilder builder = Cicd.builder().store(opened.store()).clock(clock).component(alerting);
      if (!settings.demo()) {
        builder.listener(alerting.engine());
      }
      github.ifPresent(builder::source);
      if (settings.webhookInbox()) {
        builder.webhookInbox(InboxSettings.defaults());
      }
      builder.deployWorkflows(settings.deployWorkflows());
      Cicd instance = builder.build();
      cicd = instance;
      if (settings.demo()) {
        demo = DemoMode.seed(instance, clock, alerting.engine());
      }
      Access access = Access.from(settings);
      CicdDashboardServlet servlet = new CicdDashboardServlet(instance, access.httpConfig(settings),
          alerting.alerting());
      instance.start();
      if (demo != null) {
        demo.startFeed();
      }
      JettyServer server = JettyServer.start(settings.port(), servlet);
      jetty = server;
      String url = "http://localhost:" + server.port() + "/";
      StartupSummary.log(StartupSummary.lines(url, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin),
          opened.description(), settings, alerting.channels(), alerting.storeDescription(), access,
          Optional.ofNullable(demo).map(DemoMode::describe)));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The bound HTTP port, once started. */
  synchronized int port() {
    if (jetty == null) {
      throw new IllegalStateException("not started");
    }
    return jetty.port();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean started = jetty != null;
    if (started) {
      LOG.info("Stopping the CI/CD dashboard");
    }
    if (demo != null) {
      demo.close();
    }
    if (jetty != null) {
      jetty.stop();
    }
    if (cicd != null) {
      cicd.close();
    }
    if (store != null) {
      store.close();
    }
    if (started) {
      LOG.info("CI/CD dashboard stopped");
    }
  }
}
