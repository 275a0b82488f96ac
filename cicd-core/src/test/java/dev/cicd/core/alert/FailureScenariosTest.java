package dev.cicd.core.alert;

import static dev.cicd.core.build.Conclusion.CANCELLED;
import static dev.cicd.core.build.Conclusion.FAILURE;
import static dev.cicd.core.build.Conclusion.SKIPPED;
import static dev.cicd.core.build.Conclusion.SUCCESS;
import static dev.cicd.core.build.Conclusion.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.ingest.RunUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RELIABILITY §6.7 E1–E7 and late events: the failure-driven rules end to end. */
class FailureScenariosTest {

  @Test
  @DisplayName("E1: success then failure on main sends exactly one firing notification per receiver")
  void e1() {
    AlertHarness h = new AlertHarness(AlertConfig.defaults());
    h.run(SUCCESS);
    h.run(FAILURE);
    h.advance(Duration.ofSeconds(10));
    assertThat(h.slack.delivered()).as("nothing before the group wait").isEmpty();
    h.settle();
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING);
    assertThat(h.mail.kinds()).containsExactly(NotificationKind.FIRING);
    Notification n = h.slack.delivered().get(0);
    assertThat(n.lead().repository()).isEqualTo("octo/api");
    assertThat(n.lead().branch()).isEqualTo("main");
    assertThat(n.lead().summary()).contains("failed");
    assertThat(n.key()).startsWith(h.instance(AlertRules.DEFAULT_RULE_ID).fingerprint() + ".1.firing.0");
    assertThat(h.state(AlertRules.DEFAULT_RULE_ID)).isEqualTo(AlertState.FIRING);
  }

  @Test
  @DisplayName("E2: a second failure sends nothing until the repeat interval, then one threaded reminder")
  void e2() {
    AlertHarness h = new AlertHarness(AlertConfig.defaults());
    h.run(SUCCESS);
    h.run(FAILURE);
    h.settle();
    h.run(FAILURE);
    h.settle();
    h.engine.tick();
    h.advance(Duration.ofHours(23));
    h.engine.tick();
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING);
    h.advance(Duration.ofHours(1));
    h.engine.tick();
    h.dispatcher.drain(5);
    h.engine.tick();
    h.dispatcher.drain(5);
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.REPEAT);
    Notification firing = h.slack.delivered().get(0);
    Notification reminder = h.slack.delivered().get(1);
    assertThat(reminder.previousKey()).isEqualTo(firing.key());
    assertThat(reminder.threadRootKey()).isEqualTo(firing.key());
  }

  @Test
  @DisplayName("E3: failure then success sends exactly one resolved notice, threaded and after the firing one")
  void e3() {
    AlertHarness h = new AlertHarness(AlertConfig.defaults());
    h.run(SUCCESS);
    h.run(FAILURE);
    h.slack.answer(DeliveryAttemptResult.retryLater(Duration.ofSeconds(60), "429"));
    h.settle();
    h.run(SUCCESS);
    h.advance(Duration.ofSeconds(5));
    h.advance(Duration.ofSeconds(5));
    assertThat(h.slack.delivered()).as("resolved waits for the firing message still backing off").isEmpty();
    assertThat(h.mail.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.RESOLVED);
    h.advance(Duration.ofSeconds(60));
    h.advance(Duration.ofSeconds(10));
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.RESOLVED);
    Notification firing = h.slack.delivered().get(0);
    Notification resolved = h.slack.delivered().get(1);
    assertThat(resolved.previousKey()).isEqualTo(firing.key());
    assertThat(resolved.threadRootKey()).isEqualTo(firing.key());
    assertThat(h.state(AlertRules.DEFAULT_RULE_ID)).isEqualTo(AlertState.RESOLVED);
    h.run(SUCCESS);
    h.settle();
    assertThat(h.slack.delivered()).hasSize(2);
  }

  @Test
  @DisplayName("E4: an N=3 rule never fires on F,F,S,F,F and fires on the third of F,F,F")
  void e4() {
    AlertRule rule = new ConsecutiveFailuresRule("three", RuleScope.defaultBranch(), List.of(), 3, 1);
    AlertHarness h = new AlertHarness(AlertConfig.of(List.of(rule)));
    for (var c : List.of(FAILURE, FAILURE, SUCCESS, FAILURE, FAILURE)) {
      h.run(c);
      h.settle();
    }
    assertThat(h.slack.delivered()).isEmpty();
    assertThat(h.state("three")).isEqualTo(AlertState.PENDING);
    h.run(FAILURE);
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING);
    assertThat(h.slack.delivered().get(0).lead().summary()).contains("3 consecutive failures");
  }

  @Test
  @DisplayName("E5: flapping F,S,F,S with 2-success hysteresis fires once and resolves only after 2 successes")
  void e5() {
    AlertRule rule = new FailedRule("flap", RuleScope.defaultBranch(), List.of(), 2);
    AlertHarness h = new AlertHarness(AlertConfig.of(List.of(rule)));
    for (var c : List.of(FAILURE, SUCCESS, FAILURE, SUCCESS)) {
      h.run(c);
      h.settle();
    }
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING);
    assertThat(h.state("flap")).isEqualTo(AlertState.FIRING);
    h.run(SUCCESS);
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.RESOLVED);
  }

  @Test
  @DisplayName("E6: cancelled and skipped builds between failures neither resolve nor count")
  void e6() {
    AlertRule three = new ConsecutiveFailuresRule("three", RuleScope.defaultBranch(), List.of(), 3, 1);
    AlertHarness h = new AlertHarness(AlertConfig.of(List.of(FailedRule.of("failed", RuleScope.defaultBranch()),
        three)));
    for (var c : List.of(SUCCESS, FAILURE, CANCELLED, TIMED_OUT, SKIPPED, CANCELLED)) {
      h.run(c);
      h.settle();
    }
    assertThat(h.state("failed")).isEqualTo(AlertState.FIRING);
    assertThat(h.state("three")).as("two failures only; cancelled/skipped do not count").isEqualTo(AlertState.PENDING);
    h.run(FAILURE);
    h.settle();
    assertThat(h.state("three")).isEqualTo(AlertState.FIRING);
    assertThat(h.slack.delivered()).extracting(n -> n.lead().ruleId()).containsExactly("failed", "three");
  }

  @Test
  @DisplayName("E7: a feature-branch failure under the default-branch rule is stored but notifies nobody")
  void e7() {
    AlertHarness h = new AlertHarness(AlertConfig.defaults());
    h.run("octo/api", "CI", "feature/x", SUCCESS);
    h.run("octo/api", "CI", "feature/x", FAILURE);
    h.settle();
    assertThat(h.builds.count()).isEqualTo(2);
    assertThat(h.slack.delivered()).isEmpty();
    assertThat(h.store.instances(java.util.EnumSet.allOf(AlertState.class))).isEmpty();
  }

  @Test
  @DisplayName("a configured default branch replaces the main/master fallback")
  void configuredDefaultBranch() {
    AlertHarness h = new AlertHarness(AlertConfig.defaults(), new InMemoryAlertStore(),
        dev.cicd.core.testing.MutableClock.at("2025-03-10T10:00:00Z"),
        b -> b.defaultBranches(DefaultBranchResolver.of(java.util.Map.of("octo/api", "trunk"))));
    h.run("octo/api", "CI", "main", FAILURE);
    h.run("octo/api", "CI", "trunk", FAILURE);
    h.settle();
    assertThat(h.slack.delivered()).extracting(n -> n.lead().branch()).containsExactly("trunk");
  }

  @Test
  @DisplayName("a late completion of an older build updates history but never flips the current state")
  void lateEventForOlderBuild() {
    AlertHarness h = new AlertHarness(AlertConfig.defaults());
    Instant now = h.clock.instant();
    BuildId older = BuildId.github("octo/api", 1);
    h.ingest.ingest(RunUpdate.builder(older).workflowName("CI").runNumber(1).branch("main")
        .createdAt(now.minusSeconds(600)).updatedAt(now.minusSeconds(600)).status(BuildStatus.IN_PROGRESS).build());
    h.run(SUCCESS);
    h.settle();
    h.ingest.ingest(RunUpdate.builder(older).workflowName("CI").runNumber(1).branch("main")
        .createdAt(now.minusSeconds(600)).updatedAt(h.clock.instant()).status(BuildStatus.COMPLETED)
        .conclusion(FAILURE).build());
    h.settle();
    assertThat(h.builds.find(older).orElseThrow().conclusion()).isEqualTo(FAILURE);
    assertThat(h.state(AlertRules.DEFAULT_RULE_ID)).isEqualTo(AlertState.INACTIVE);
    assertThat(h.slack.delivered()).isEmpty();
  }

  @Test
  @DisplayName("every-failure rule notifies each failed build once, threaded, and resolves on success")
  void everyFailure() {
    AlertRule rule = new EveryFailureRule("every", RuleScope.allBranches(), List.of("slack"));
    AlertHarness h = new AlertHarness(AlertConfig.of(List.of(rule)));
    h.run(FAILURE);
    h.settle();
    h.run(FAILURE);
    h.settle();
    h.engine.tick();
    h.settle();
    h.run(SUCCESS);
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.REPEAT,
        NotificationKind.RESOLVED);
    assertThat(h.mail.delivered()).as("rule lists only the slack receiver").isEmpty();
  }

  @Test
  @DisplayName("a re-run that passes resolves the alert its first attempt raised")
  void rerunResolves() {
    AlertHarness h = new AlertHarness(AlertConfig.defaults());
    var failed = h.run(FAILURE);
    h.settle();
    h.rerun(failed, 2, SUCCESS);
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.RESOLVED);
  }
}
