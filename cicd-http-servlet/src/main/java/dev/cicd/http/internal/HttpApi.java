package dev.cicd.http.internal;

import static dev.cicd.http.internal.Router.HTML;
import static dev.cicd.http.internal.Router.JSON;
import static dev.cicd.http.internal.Router.SSE;
import static dev.cicd.http.internal.Router.TEXT;

import dev.cicd.core.Cicd;
import dev.cicd.http.Alerting;
import dev.cicd.http.HttpConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet's parts wired together, and the route table. Constructing it starts nothing;
 * {@link #start()} subscribes to ingestion and starts the live-update writer.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  private final Cicd cicd;
  private final HttpConfig config;
  private final Json json;
  private final Auth auth;
  private final EventsHub events;
  private final BuildHistograms histograms = new BuildHistograms();
  private final WebhookIngestor ingestor;
  private final WebhookCounters webhookCounters = new WebhookCounters();
  private final WebhookHandler webhooks;
  private final Router dashboardRoutes;
  private final Dispatcher dashboard;
  private final Dispatcher webhookOnly;
  private final @Nullable Alerting alerting;
  private final @Nullable AlertEvents alertEvents;
  private boolean started;

  public HttpApi(Cicd cicd, HttpConfig config, @Nullable Alerting alerting) {
    this.cicd = cicd;
    this.config = config;
    this.alerting = alerting;
    this.json = new Json(config.maxJsonBodyBytes());
    ClientAddress clientAddress = new ClientAddress(new TrustedProxies(config.trustedProxies()));
    this.auth = new Auth(config.readToken(), config.adminToken(), clientAddress);
    Tickets tickets = new Tickets(cicd.clock(), config.ticketTtl());
    BuildJson buildJson = new BuildJson(json, config.githubHost());
    this.events = new EventsHub(json, buildJson, cicd.clock(), config.sseHeartbeat(), config.sseReplayBuffer());
    this.alertEvents = alerting == null ? null
        : new AlertEvents(alerting.store(), events, json, config.alertEventsInterval());
    this.ingestor = new WebhookIngestor(config.webhookConcurrency(), config.webhookTimeout());
    this.webhooks = new WebhookHandler(cicd, config.maxWebhookBodyBytes(), ingestor, webhookCounters, json);
    Guard guard = new Guard(auth, clientAddress, new RateLimiter(config.rateLimitPerMinute(), cicd.clock()),
        tickets, config.publicRead());
    Cors cors = new Cors(config.allowedOrigins());
    ExceptionMapper exceptions = new ExceptionMapper();
    ProblemResponses problems = new ProblemResponses(json);
    this.dashboardRoutes = routes(buildJson, tickets);
    this.dashboard = new Dispatcher(dashboardRoutes, Mount::path, guard, cors, exceptions, problems);
    Router hooks = new Router().post("/{endpoint}", Access.SIGNATURE, JSON, false, webhooks::receive);
    Function<HttpServletRequest, Optional<String>> lastSegment = HttpApi::lastSegment;
    this.webhookOnly = new Dispatcher(hooks, lastSegment, guard, cors, exceptions, problems);
  }

  /** The route table of the dashboard servlet. */
  private Router routes(BuildJson buildJson, Tickets tickets) {
    BuildsHandler builds = new BuildsHandler(cicd.store(), buildJson, json);
    MetricsHandler metrics = new MetricsHandler(cicd.store(), cicd.outcomePolicy(), cicd.clock(),
        new SummaryJson(json), json);
    AlertMetrics alertMetrics = alerting == null ? null : new AlertMetrics(alerting);
    HealthHandler health = new HealthHandler(
        alertMetrics == null ? cicd::health : () -> alertMetrics.withAlerts(cicd.health()), json, config.publicRead());
    EventsHandler live = new EventsHandler(events, tickets, json, cicd.clock(), config.sseClientBuffer(),
        config.sseMaxClients(), config.sseMaxStream());
    AlertsHandler alerts = new AlertsHandler(alerting, json, config.maxJsonBodyBytes(), cicd.clock());
    PrometheusWriter prometheus = new PrometheusWriter(cicd, histograms, webhookCounters, events, alertMetrics);
    OpenApiDocument openApi = new OpenApiDocument(json);
    DocsHandler docs = new DocsHandler();
    DashboardHandler files = new DashboardHandler(config.githubHost());
    return new Router()
        .get("/health", Access.PUBLIC, JSON, health::get)
        .get("/api/builds", Access.READ, JSON, builds::list)
        .get("/api/builds/{id}", Access.READ, JSON, builds::get)
        .get("/api/metrics/summary", Access.READ, JSON, metrics::summary)
        .post("/api/webhook/{endpoint}", Access.SIGNATURE, JSON, false, webhooks::receive)
        .get("/api/alerts", Access.READ, JSON, alerts::list)
        .post("/api/alerts/configure", Access.ADMIN, JSON, true, alerts::configure)
        .post("/api/alert/test", Access.ADMIN, JSON, true, alerts::test)
        .get("/api/events", Access.READ_OR_TICKET, SSE, live::stream)
        .post("/api/events/ticket", Access.READ, JSON, false, live::ticket)
        .get("/metrics", Access.READ, TEXT, prometheus::scrape)
        .get("/docs", Access.PUBLIC, HTML, docs::redirect)
        .get("/docs/", Access.PUBLIC, HTML, docs::page)
        .get("/docs/openapi.json", Access.PUBLIC, JSON, openApi::get)
        .get("/docs/init.js", Access.PUBLIC, null, docs::script)
        .get("/docs/swagger-ui/{file}", Access.PUBLIC, null, docs::swaggerFile)
        .get("/vendor/uplot/{file}", Access.PUBLIC, null, files::uplot)
        .fallback(files::file);
  }

  public synchronized void start() {
    if (started) {
      return;
    }
    events.start();
    cicd.ingestion().addListener(events);
    cicd.ingestion().addListener(histograms);
    if (alertEvents != null) {
      alertEvents.start();
    }
    started = true;
    if (config.readToken() == null && !config.publicRead()) {
      LOG.warn("No read token is configured and publicRead is off: every read endpoint answers 401");
    }
    if (cicd.webhookReceiver("github").isEmpty()) {
      LOG.warn("No GitHub webhook receiver is configured (no webhook secret): the webhook endpoint answers 404");
    }
    LOG.info("CI/CD servlet ready (alerting {}): {}", alerting == null ? "off" : "on", config);
  }

  public synchronized void stop() {
    cicd.ingestion().removeListener(events);
    cicd.ingestion().removeListener(histograms);
    if (alertEvents != null) {
      alertEvents.stop();
    }
    events.stop();
    ingestor.close();
    started = false;
  }

  public Dispatcher dashboard() {
    return dashboard;
  }

  /** The dashboard servlet's route table (without the static-file fallback). */
  public List<Route> dashboardRoutes() {
    return dashboardRoutes.routes();
  }

  public Dispatcher webhookOnly() {
    return webhookOnly;
  }

  public void replaceTokens(@Nullable String readToken, @Nullable String adminToken) {
    auth.replaceTokens(readToken, adminToken);
  }

  public WebhookCounters webhookCounters() {
    return webhookCounters;
  }

  private static Optional<String> lastSegment(HttpServletRequest request) {
    String path = request.getRequestURI();
    return Optional.of("/" + path.substring(path.lastIndexOf('/') + 1));
  }
}
