package dev.cicd.examples.standalone.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code /api/metrics/summary} held to {@link ReferenceSummary} and its {@code dora} part to {@link ReferenceDora}. */
final class SummaryAssertions {
  private SummaryAssertions() {}

  static void assertSummary(JsonNode summary, ReferenceSummary expected) {
    JsonNode builds = summary.path("builds");
    assertThat(builds.path("total").asLong()).isEqualTo(expected.total);
    for (String conclusion : List.of("success", "failure", "cancelled", "skipped", "other")) {
      assertThat(builds.path(conclusion).asLong()).as(conclusion)
          .isEqualTo(expected.byConclusion.getOrDefault(conclusion, 0L));
    }
    assertThat(summary.path("successRate").asDouble()).isCloseTo(expected.successRate, within(1e-12));
    JsonNode durations = summary.path("durationMs");
    assertThat(durations.path("count").asLong()).isEqualTo(expected.durations.size());
    assertThat(durations.path("p50").asLong()).isEqualTo(ReferenceSummary.percentile(expected.durations, 50));
    assertThat(durations.path("p95").asLong()).isEqualTo(ReferenceSummary.percentile(expected.durations, 95));
    assertThat(durations.path("avg").asDouble()).isCloseTo(ReferenceSummary.mean(expected.durations), within(0.5));
    JsonNode queue = summary.path("queueMs");
    assertThat(queue.path("count").asLong()).isEqualTo(expected.queues.size());
    assertThat(queue.path("p50").asLong()).isEqualTo(ReferenceSummary.percentile(expected.queues, 50));
    assertThat(queue.path("p95").asLong()).isEqualTo(ReferenceSummary.percentile(expected.queues, 95));
    assertThat(summary.path("flakyBuilds").asLong()).isEqualTo(expected.flaky);
    assertThat(summary.path("rerunRate").asDouble()).isCloseTo(expected.rerunRate, within(1e-12));
    assertThat(summary.path("firstAttemptSuccessRate").asDouble())
        .isCloseTo(expected.firstAttemptSuccessRate, within(1e-12));
    assertThat(summary.path("mttrMs").asDouble()).isCloseTo(expected.mttrMs, within(0.5));
    assertThat(groups(summary.path("daily"), "date")).isEqualTo(expected.daily);
    assertThat(groups(summary.path("byRepository"), "repository")).isEqualTo(expected.byRepository);
  }

  static void assertDora(JsonNode dora, ReferenceDora expected) {
    assertThat(dora.path("deployments").asLong()).as("deployments").isEqualTo(expected.deployments);
    assertThat(dora.path("failedDeployments").asLong()).as("failed deployments").isEqualTo(expected.failed);
    assertThat(dora.path("deploymentsPerDay").asDouble()).isCloseTo(expected.perDay, within(1e-9));
    assertThat(dora.path("changeFailureRate").asDouble()).isCloseTo(expected.changeFailureRate, within(1e-12));
    assertThat(dora.path("leadTimeP50Ms").asLong()).as("lead time p50").isEqualTo(expected.leadTimeP50Ms);
    assertThat(dora.path("timeToRestoreMs").asDouble()).as("time to restore")
        .isCloseTo(expected.timeToRestoreMs, within(0.5));
  }

  /** Whether the summary and its DORA part equal the references (to wait for a poller to catch up). */
  static boolean matches(JsonNode summary, ReferenceSummary expected, ReferenceDora dora) {
    try {
      assertSummary(summary, expected);
      assertDora(summary.path("dora"), dora);
      return true;
    } catch (AssertionError notYet) {
      return false;
    }
  }

  /** Total, success, failure class, p50 and p95 duration of each group with builds (the daily series has every day). */
  private static Map<String, List<Object>> groups(JsonNode groups, String nameField) {
    Map<String, List<Object>> byName = new TreeMap<>();
    groups.forEach(g -> {
      if (g.path("total").asLong() > 0) {
        byName.put(g.path(nameField).asText(), Arrays.asList(g.path("total").asLong(),
            g.path("success").asLong(), g.path("failed").asLong(), nullableLong(g.path("p50DurationMs")),
            nullableLong(g.path("p95DurationMs"))));
      }
    });
    return byName;
  }

  private static Long nullableLong(JsonNode value) {
    return value.isNull() || value.isMissingNode() ? null : value.asLong();
  }
}
