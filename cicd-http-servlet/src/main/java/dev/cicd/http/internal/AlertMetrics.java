package dev.cicd.http.internal;

import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertSinkHealth;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.core.health.ComponentHealth;
import dev.cicd.core.health.HealthReport;
import dev.cicd.core.health.HealthStatus;
import dev.cicd.http.Alerting;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Alerting figures for {@code /metrics} and the {@code alerts} component of {@code /health}. */
public final class AlertMetrics {
  private final Alerting alerting;

  public AlertMetrics(Alerting alerting) {
    this.alerting = alerting;
  }

  public void write(PrometheusText out) {
    Map<String, Long> firing = new TreeMap<>();
    for (AlertInstance a : alerting.store().instances(EnumSet.of(AlertState.FIRING))) {
      firing.merge(a.ruleId(), 1L, Long::sum);
    }
    out.family("cicd_alerts_firing", "gauge", "Alerts firing, by rule.");
    firing.forEach((rule, count) -> out.sample("cicd_alerts_firing", count, "rule", rule));
    out.family("cicd_alert_outbox", "gauge", "Notification outbox rows by status; pending is the backlog.");
    Map<OutboxStatus, Long> counts = alerting.store().outboxCounts();
    for (OutboxStatus status : OutboxStatus.values()) {
      out.sample("cicd_alert_outbox", counts.getOrDefault(status, 0L), "status", status.name().toLowerCase(Locale.ROOT));
    }
    out.family("cicd_alert_channel_up", "gauge", "Notification channels: 1 ok, 0.5 failing, 0 broken.");
    for (AlertSinkHealth h : alerting.dispatcher().health()) {
      double up = switch (h.status()) { case OK -> 1; case FAILING -> 0.5; case BROKEN -> 0; };
      out.sample("cicd_alert_channel_up", up, "channel", h.channelId(), "type", h.type());
    }
  }

  /** The report with an {@code alerts} component: outbox backlog and channels; broken or failing channels degrade it. */
  public HealthReport withAlerts(HealthReport report) {
    Map<String, ComponentHealth> components = new LinkedHashMap<>(report.components());
    components.put("alerts", health());
    return HealthReport.of(components);
  }

  private ComponentHealth health() {
    try {
      Map<String, Object> details = new LinkedHashMap<>();
      Map<OutboxStatus, Long> counts = alerting.store().outboxCounts();
      details.put("outboxPending", counts.getOrDefault(OutboxStatus.PENDING, 0L));
      details.put("outboxFailed", counts.getOrDefault(OutboxStatus.FAILED, 0L));
      Map<String, Object> channels = new LinkedHashMap<>();
      StringBuilder problems = new StringBuilder();
      for (AlertSinkHealth h : alerting.dispatcher().health()) {
        channels.put(h.channelId(), h.status().name());
        if (h.status() != AlertSinkHealth.Status.OK) {
          problems.append(problems.length() == 0 ? "" : "; ").append("channel ").append(h.channelId()).append(' ')
              .append(h.status().name().toLowerCase(Locale.ROOT))
              .append(h.detail() == null ? "" : ": " + h.detail());
        }
      }
      details.put("channels", channels);
      HealthStatus status = problems.length() == 0 ? HealthStatus.UP : HealthStatus.DEGRADED;
      return new ComponentHealth(status, problems.length() == 0 ? null : problems.toString(), details);
    } catch (RuntimeException e) {
      return ComponentHealth.down("alert store unavailable: " + e.getMessage());
    }
  }
}
