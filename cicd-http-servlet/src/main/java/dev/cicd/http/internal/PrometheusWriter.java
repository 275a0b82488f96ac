package dev.cicd.http.internal;

import dev.cicd.core.Cicd;
import dev.cicd.core.health.HealthStatus;
import dev.cicd.core.ingest.InboxStatus;
import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.BuildSummary.GroupStats;
import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.core.source.BuildSource;
import dev.cicd.core.source.SourceHealth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /metrics}: Prometheus text exposition. Build counts and percentiles come from a 30-day
 * summary; histograms count builds completed since start; webhook and poller figures are counters
 * of this instance. Labels are low-cardinality: repository, workflow, conclusion, provider, outcome.
 */
public final class PrometheusWriter {
  static final Duration WINDOW = Duration.ofDays(30);

  private final Cicd cicd;
  private final BuildHistograms histograms;
  private final WebhookCounters webhooks;
  private final EventsHub events;
  private final @Nullable AlertMetrics alerts;

  public PrometheusWriter(Cicd cicd, BuildHistograms histograms, WebhookCounters webhooks, EventsHub events,
      @Nullable AlertMetrics alerts) {
    this.cicd = cicd;
    this.histograms = histograms;
    this.webhooks = webhooks;
    this.events = events;
    this.alerts = alerts;
  }

  public void scrape(Exchange exchange) throws IOException {
    exchange.query().allowOnly(Set.of());
    PrometheusText out = new PrometheusText();
    Instant now = cicd.clock().instant();
    BuildSummary summary = cicd.store().summarize(
        new MetricsQuery(now.minus(WINDOW), now, null, null, null, cicd.outcomePolicy(), ZoneOffset.UTC));
    writeSummary(out, summary);
    histograms.write(out);
    writeWebhooks(out);
    cicd.inbox().ifPresent(inbox -> writeInbox(out, inbox.status(), now));
    writeSources(out);
    if (alerts != null) {
      alerts.write(out);
    }
    out.family("cicd_live_update_clients", "gauge", "Connected live-update (SSE) clients.");
    out.sample("cicd_live_update_clients", events.clientCount());
    byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
    exchange.response().setStatus(200);
    exchange.response().setContentType(PrometheusText.CONTENT_TYPE);
    exchange.response().setContentLength(body.length);
    exchange.response().getOutputStream().write(body);
  }

  private static void writeInbox(PrometheusText out, InboxStatus status, Instant now) {
    out.family("cicd_webhook_inbox_backlog", "gauge", "Webhook deliveries acknowledged and not merged yet.");
    out.sample("cicd_webhook_inbox_backlog", status.backlog());
    out.family("cicd_webhook_inbox_lag_seconds", "gauge", "Age of the oldest webhook delivery waiting to be merged.");
    out.sample("cicd_webhook_inbox_lag_seconds", status.oldest() == null ? 0
        : Math.max(0, Duration.between(status.oldest(), now).toMillis() / 1e3));
    out.family("cicd_webhook_inbox_merged_total", "counter", "Webhook deliveries merged from the inbox since start.");
    out.sample("cicd_webhook_inbox_merged_total", status.merged());
    out.family("cicd_webhook_inbox_failed_total", "counter",
        "Webhook deliveries whose merge failed while the store answered (left in the inbox).");
    out.sample("cicd_webhook_inbox_failed_total", status.failed());
  }

  private static void writeSummary(PrometheusText out, BuildSummary s) {
    out.family("cicd_builds", "gauge", "Builds completed in the last 30 days by repository, workflow and "
        + "conclusion class (success, failure = failure/timed_out/startup_failure, other).");
    for (GroupStats g : s.byWorkflow()) {
      String workflow = g.workflow() == null ? "" : g.workflow();
      out.sample("cicd_builds", g.success(), "repository", g.repository(), "workflow", workflow, "conclusion", "success");
      out.sample("cicd_builds", g.failed(), "repository", g.repository(), "workflow", workflow, "conclusion", "failure");
      out.sample("cicd_builds", g.total() - g.success() - g.failed(), "repository", g.repository(),
          "workflow", workflow, "conclusion", "other");
    }
    out.family("cicd_builds_by_conclusion", "gauge", "Builds completed in the last 30 days by latest conclusion.");
    Map<String, Long> counts = Map.of("success", s.builds().success(), "failure", s.builds().failure(),
        "cancelled", s.builds().cancelled(), "skipped", s.builds().skipped(), "other", s.builds().other());
    counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.sample("cicd_builds_by_conclusion", e.getValue(), "conclusion", e.getKey()));
    out.family("cicd_build_success_ratio", "gauge", "Success rate of the last 30 days by repository.");
    for (GroupStats g : s.byRepository()) {
      if (g.successRate() != null) {
        out.sample("cicd_build_success_ratio", g.successRate(), "repository", g.repository());
      }
    }
    out.family("cicd_build_duration_quantile_seconds", "gauge",
        "Exact nearest-rank build duration percentiles of the last 30 days by repository and workflow.");
    for (GroupStats g : s.byWorkflow()) {
      String workflow = g.workflow() == null ? "" : g.workflow();
      if (g.p50DurationMs() != null) {
        out.sample("cicd_build_duration_quantile_seconds", g.p50DurationMs() / 1000.0, "repository", g.repository(),
            "workflow", workflow, "quantile", "0.5");
        out.sample("cicd_build_duration_quantile_seconds", g.p95DurationMs() / 1000.0, "repository", g.repository(),
            "workflow", workflow, "quantile", "0.95");
      }
    }
    out.family("cicd_job_queue_quantile_seconds", "gauge", "Job queue-time percentiles of the last 30 days.");
    if (s.queueMs().p50() != null) {
      out.sample("cicd_job_queue_quantile_seconds", s.queueMs().p50() / 1000.0, "quantile", "0.5");
      out.sample("cicd_job_queue_quantile_seconds", s.queueMs().p95() / 1000.0, "quantile", "0.95");
    }
    out.family("cicd_flaky_builds", "gauge", "Flaky builds (failed, then passed on re-run) of the last 30 days.");
    out.sample("cicd_flaky_builds", s.flakyBuilds());
    if (s.mttrMs() != null) {
      out.family("cicd_mttr_seconds", "gauge", "Mean time to recovery of failure episodes ending in the last 30 days.");
      out.sample("cicd_mttr_seconds", s.mttrMs() / 1000.0);
    }
  }

  private void writeWebhooks(PrometheusText out) {
    out.family("cicd_webhook_deliveries_total", "counter", "Webhook deliveries answered, by provider and outcome.");
    webhooks.snapshot().forEach((key, count) -> out.sample("cicd_webhook_deliveries_total", count,
        "provider", key.provider(), "outcome", key.outcome().label()));
  }

  private void writeSources(PrometheusText out) {
    out.family("cicd_poller_up", "gauge", "Poller state per polled unit: 1 up, 0.5 degraded, 0 down.");
    for (BuildSource source : cicd.sources()) {
      for (SourceHealth unit : source.health()) {
        double up = switch (unit.state()) { case UP -> 1; case DEGRADED -> 0.5; case DOWN -> 0; };
        out.sample("cicd_poller_up", up, "unit", unit.name());
      }
    }
    out.family("cicd_poller_last_success_timestamp_seconds", "gauge", "End of the last successful poll cycle.");
    for (BuildSource source : cicd.sources()) {
      for (SourceHealth unit : source.health()) {
        if (unit.lastSuccess() != null) {
          out.sample("cicd_poller_last_success_timestamp_seconds", unit.lastSuccess().getEpochSecond(),
              "unit", unit.name());
        }
      }
    }
    writeDetail(out, "cicd_poller_rate_limit_remaining", "gauge",
        "Provider API requests left in the current rate-limit window.", "rateLimitRemaining");
    writeDetail(out, "cicd_poller_rate_limit_limit", "gauge", "Provider API rate limit per window.", "rateLimitLimit");
    writeDetail(out, "cicd_poller_last_cycle_requests", "gauge", "Provider API requests of the last poll cycle.",
        "lastCycleRequests");
    out.family("cicd_component_up", "gauge", "Health per component: 1 up, 0.5 degraded, 0 down.");
    cicd.health().components().forEach((name, c) -> out.sample("cicd_component_up",
        c.status() == HealthStatus.UP ? 1 : c.status() == HealthStatus.DEGRADED ? 0.5 : 0, "component", name));
  }

  private void writeDetail(PrometheusText out, String name, String type, String help, String detail) {
    boolean first = true;
    for (BuildSource source : cicd.sources()) {
      for (SourceHealth unit : source.health()) {
        String value = unit.details().get(detail);
        if (value != null && value.matches("[0-9]{1,18}")) {
          if (first) {
            out.family(name, type, help);
            first = false;
          }
          out.sample(name, Long.parseLong(value), "unit", unit.name());
        }
      }
    }
  }
}
