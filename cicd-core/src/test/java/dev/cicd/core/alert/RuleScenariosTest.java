package dev.cicd.core.alert;

import static dev.cicd.core.build.Conclusion.FAILURE;
import static dev.cicd.core.build.Conclusion.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Job;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.RunUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RELIABILITY §6.7 E12, E13 and the flaky and long-queue rules. */
class RuleScenariosTest {

  @Test
  @DisplayName("E12: success rate < 80% over the last 20 fires at the 5th failure and resolves on recovery")
  void e12() {
    AlertRule rule = SuccessRateRule.lastBuilds("rate", RuleScope.defaultBranch(), 80, 20, 5);
    AlertHarness h = new AlertHarness(AlertConfig.of(List.of(rule)));
    for (int i = 0; i < 20; i++) {
      h.run(SUCCESS);
    }
    for (int i = 1; i <= 4; i++) {
      h.run(FAILURE);
    }
    h.settle();
    assertThat(h.state("rate")).as("4 of 20 failed: exactly 80%").isEqualTo(AlertState.INACTIVE);
    h.run(FAILURE);
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING);
    assertThat(h.slack.delivered().get(0).lead().summary()).contains("75.0%").contains("last 20 builds");
    for (int i = 0; i < 15; i++) {
      h.run(SUCCESS);
    }
    h.settle();
    assertThat(h.state("rate")).isEqualTo(AlertState.FIRING);
    h.run(SUCCESS);
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.RESOLVED);
  }

  @Test
  @DisplayName("E12: with fewer builds than the minimum sample the rate rule is not evaluated")
  void e12MinSamples() {
    AlertRule rule = SuccessRateRule.lastBuilds("rate", RuleScope.defaultBranch(), 80, 20, 5);
    AlertHarness h = new AlertHarness(AlertConfig.of(List.of(rule)));
    for (int i = 0; i < 4; i++) {
      h.run(FAILURE);
    }
    h.settle();
    assertThat(h.state("rate")).isEqualTo(AlertState.INACTIVE);
    h.run(FAILURE);
    h.settle();
    assertThat(h.state("rate")).isEqualTo(AlertState.FIRING);
  }

  @Test
  @DisplayName("E13: one slow build (> 2× median of 20 successes) does not fire; two in a row do")
  void e13() {
    AlertRule rule = new DurationRegressionRule("slow", RuleScope.defaultBranch(), List.of(), 2.0, 20, 2, 5);
    AlertHarness h = new AlertHarness(AlertConfig.of(List.of(rule)));
    for (int i = 0; i < 20; i++) {
      h.run("octo/api", "CI", "main", SUCCESS, "s" + i, Duration.ofMinutes(4 + i % 3));
    }
    h.run("octo/api", "CI", "main", SUCCESS, "slow1", Duration.ofMinutes(12));
    h.settle();
    assertThat(h.state("slow")).isEqualTo(AlertState.PENDING);
    h.run("octo/api", "CI", "main", SUCCESS, "ok", Duration.ofMinutes(5));
    h.settle();
    assertThat(h.state("slow")).isEqualTo(AlertState.INACTIVE);
    h.run("octo/api", "CI", "main", SUCCESS, "slow2", Duration.ofMinutes(13));
    h.run("octo/api", "CI", "main", FAILURE, "slow3", Duration.ofMinutes(11));
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING);
    assertThat(h.slack.delivered().get(0).lead().summary()).contains("2 slow builds in a row");
  }

  @Test
  @DisplayName("flaky: fires at the second commit that failed then passed on re-run, resolves when the window passes")
  void flaky() {
    AlertRule rule = new FlakyRule("flaky", RuleScope.defaultBranch(), List.of(), 2, Duration.ofDays(7));
    AlertHarness h = new AlertHarness(AlertConfig.of(List.of(rule)));
    var first = h.run(FAILURE);
    h.rerun(first, 2, SUCCESS);
    h.settle();
    assertThat(h.state("flaky")).isEqualTo(AlertState.INACTIVE);
    h.run(FAILURE);
    h.run(SUCCESS);
    h.settle();
    assertThat(h.state("flaky")).as("different commits are not flaky").isEqualTo(AlertState.INACTIVE);
    var second = h.run(FAILURE);
    h.rerun(second, 2, SUCCESS);
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING);
    assertThat(h.slack.delivered().get(0).lead().summary()).startsWith("2 flaky commits");
    h.advance(Duration.ofDays(8));
    h.engine.tick();
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.RESOLVED);
  }

  @Test
  @DisplayName("long queue: a job waiting longer than the limit fires on the tick; a newer prompt build resolves")
  void longQueue() {
    AlertRule rule = new LongQueueRule("queue", RuleScope.defaultBranch(), List.of(), Duration.ofMinutes(10));
    AlertHarness h = new AlertHarness(AlertConfig.of(List.of(rule)));
    h.queuedJob("CI", Duration.ofMinutes(5));
    h.engine.tick();
    h.settle();
    assertThat(h.state("queue")).isEqualTo(AlertState.INACTIVE);
    h.advance(Duration.ofMinutes(6));
    h.engine.tick();
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING);
    assertThat(h.slack.delivered().get(0).lead().summary()).contains("has been waiting").contains("limit 10m");

    Instant now = h.clock.instant();
    BuildId id = BuildId.github("octo/api", 9999);
    h.ingest.ingest(new JobUpdate(id, new Job(7, 1, "build", BuildStatus.COMPLETED,
        dev.cicd.core.build.Conclusion.SUCCESS, now.minusSeconds(300), now.minusSeconds(240), now, null, null,
        List.of(), List.of(), null), "CI", "main", null));
    h.ingest.ingest(RunUpdate.builder(id).workflowName("CI").runNumber(500).branch("main").createdAt(now.minusSeconds(1))
        .startedAt(now.minusSeconds(240)).updatedAt(now).status(BuildStatus.COMPLETED)
        .conclusion(dev.cicd.core.build.Conclusion.SUCCESS).build());
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.RESOLVED);
  }
}
