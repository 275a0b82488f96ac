package dev.cicd.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.BuildSummary.DailyPoint;
import dev.cicd.core.metrics.BuildSummary.DoraMetrics;
import dev.cicd.core.metrics.BuildSummary.GroupStats;

/** The JSON shape of a metrics summary. Rates are 0–1 or null; durations are milliseconds. */
public final class SummaryJson {
  private final Json json;

  public SummaryJson(Json json) {
    this.json = json;
  }

  public ObjectNode of(BuildSummary s) {
    ObjectNode node = json.object();
    ObjectNode window = node.putObject("window");
    window.put("from", Json.time(s.from()));
    window.put("to", Json.time(s.to()));
    ObjectNode builds = node.putObject("builds");
    builds.put("total", s.builds().total());
    builds.put("success", s.builds().success());
    builds.put("failure", s.builds().failure());
    builds.put("cancelled", s.builds().cancelled());
    builds.put("skipped", s.builds().skipped());
    builds.put("other", s.builds().other());
    Json.putNumber(node, "successRate", s.successRate());
    ObjectNode duration = node.putObject("durationMs");
    duration.put("count", s.durationMs().count());
    Json.putNumber(duration, "avg", s.durationMs().avg());
    Json.putNumber(duration, "p50", s.durationMs().p50());
    Json.putNumber(duration, "p95", s.durationMs().p95());
    ObjectNode queue = node.putObject("queueMs");
    queue.put("count", s.queueMs().count());
    Json.putNumber(queue, "p50", s.queueMs().p50());
    Json.putNumber(queue, "p95", s.queueMs().p95());
    Json.putNumber(node, "mttrMs", s.mttrMs());
    node.put("flakyBuilds", s.flakyBuilds());
    Json.putNumber(node, "firstAttemptSuccessRate", s.firstAttemptSuccessRate());
    Json.putNumber(node, "rerunRate", s.rerunRate());
    ArrayNode byRepository = node.putArray("byRepository");
    s.byRepository().forEach(g -> byRepository.add(group(g, false)));
    ArrayNode byWorkflow = node.putArray("byWorkflow");
    s.byWorkflow().forEach(g -> byWorkflow.add(group(g, true)));
    ArrayNode daily = node.putArray("daily");
    s.daily().forEach(d -> daily.add(day(d)));
    node.set("dora", dora(s.dora()));
    return node;
  }

  private ObjectNode group(GroupStats g, boolean withWorkflow) {
    ObjectNode node = json.object();
    node.put("repository", g.repository());
    if (withWorkflow) {
      node.put("workflow", g.workflow());
    }
    node.put("total", g.total());
    node.put("success", g.success());
    node.put("failed", g.failed());
    Json.putNumber(node, "successRate", g.successRate());
    Json.putNumber(node, "p50DurationMs", g.p50DurationMs());
    Json.putNumber(node, "p95DurationMs", g.p95DurationMs());
    return node;
  }

  private ObjectNode day(DailyPoint d) {
    ObjectNode node = json.object();
    node.put("date", Json.date(d.date()));
    node.put("total", d.total());
    node.put("success", d.success());
    node.put("failed", d.failed());
    Json.putNumber(node, "successRate", d.successRate());
    Json.putNumber(node, "p50DurationMs", d.p50DurationMs());
    Json.putNumber(node, "p95DurationMs", d.p95DurationMs());
    return node;
  }

  private ObjectNode dora(DoraMetrics d) {
    ObjectNode node = json.object();
    node.put("deployments", d.deployments());
    node.put("failedDeployments", d.failedDeployments());
    Json.putNumber(node, "deploymentsPerDay", d.deploymentsPerDay());
    Json.putNumber(node, "changeFailureRate", d.changeFailureRate());
    Json.putNumber(node, "leadTimeP50Ms", d.leadTimeP50Ms());
    Json.putNumber(node, "timeToRestoreMs", d.timeToRestoreMs());
    return node;
  }
}
