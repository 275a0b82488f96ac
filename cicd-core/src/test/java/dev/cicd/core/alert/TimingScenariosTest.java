package dev.cicd.core.alert;

import static dev.cicd.core.build.Conclusion.FAILURE;
import static dev.cicd.core.build.Conclusion.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RELIABILITY §6.7 E8, E9, E11, E14, E16: quiet hours, silences, grouping, no data, clock skew. */
class TimingScenariosTest {
  private static final QuietHours BERLIN_NIGHT = QuietHours.of("Europe/Berlin", "22:00", "07:00");

  /** 2025-03-29 23:00 CET; the clocks go forward at 02:00 that night, so 07:00 CEST is 05:00Z. */
  private static AlertHarness quietHarness() {
    AlertConfig config = AlertConfig.of(AlertRules.defaults(), new Receiver("slack", "slack", true, BERLIN_NIGHT),
        Receiver.of("mail"));
    return new AlertHarness(config, new InMemoryAlertStore(), MutableClock.at("2025-03-29T22:00:00Z"), b -> {});
  }

  @Test
  @DisplayName("E8: a failure at 23:00 in quiet hours, still red at 07:00 across a DST change, is notified once at 07:00")
  void e8StillRed() {
    AlertHarness h = quietHarness();
    h.run(SUCCESS);
    h.run(FAILURE);
    h.settle();
    assertThat(h.mail.kinds()).as("a receiver without quiet hours gets it now").containsExactly(NotificationKind.FIRING);
    for (int hour = 0; hour < 6; hour++) {
      h.advance(Duration.ofHours(1));
      h.run(FAILURE);
      h.engine.tick();
      h.advance(Duration.ofSeconds(31));
    }
    h.clock.set(Instant.parse("2025-03-30T04:59:59Z"));
    h.dispatcher.drain(5);
    assertThat(h.slack.delivered()).as("nothing during the night").isEmpty();
    h.clock.set(Instant.parse("2025-03-30T05:00:00Z"));
    h.dispatcher.drain(5);
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING);
    h.advance(Duration.ofMinutes(5));
    assertThat(h.slack.delivered()).hasSize(1);
  }

  @Test
  @DisplayName("E8: fired at 23:00 and resolved at 03:00 inside quiet hours sends nothing to that receiver")
  void e8ResolvedInWindow() {
    AlertHarness h = quietHarness();
    h.run(SUCCESS);
    h.run(FAILURE);
    h.settle();
    h.clock.set(Instant.parse("2025-03-30T01:00:00Z"));
    h.run(SUCCESS);
    h.dispatcher.drain(5);
    h.clock.set(Instant.parse("2025-03-30T05:00:00Z"));
    h.dispatcher.drain(5);
    h.advance(Duration.ofMinutes(5));
    assertThat(h.slack.delivered()).isEmpty();
    assertThat(h.mail.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.RESOLVED);
    assertThat(h.store.outbox(OutboxStatus.CANCELLED, 10)).extracting(OutboxEntry::receiverId)
        .containsExactly("slack", "slack");
  }

  @Test
  @DisplayName("E9: a silence suppresses (logged as suppressed); once expired a still-firing alert is notified")
  void e9() {
    AlertHarness h = new AlertHarness(AlertConfig.defaults());
    Instant until = h.clock.instant().plus(Duration.ofHours(2));
    h.engine.silence(Silence.create(List.of(SilenceMatcher.repository("octo/*")), h.clock.instant(), until,
        "alice", "migrating runners"));
    h.run(SUCCESS);
    h.run(FAILURE);
    h.settle();
    h.engine.tick();
    h.settle();
    assertThat(h.slack.delivered()).isEmpty();
    List<OutboxEntry> suppressed = h.store.outbox(OutboxStatus.SUPPRESSED, 10);
    assertThat(suppressed).hasSize(2);
    assertThat(suppressed.get(0).lastError()).contains("alice").contains("migrating runners");
    assertThat(h.state(AlertRules.DEFAULT_RULE_ID)).isEqualTo(AlertState.FIRING);
    h.clock.set(until);
    h.engine.tick();
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING);
    assertThat(h.mail.kinds()).containsExactly(NotificationKind.FIRING);
    h.engine.tick();
    h.settle();
    assertThat(h.slack.delivered()).hasSize(1);
  }

  @Test
  @DisplayName("E11: one push breaking 6 workflows within 20 s gives one message listing all 6")
  void e11() {
    AlertHarness h = new AlertHarness(AlertConfig.defaults());
    for (int i = 1; i <= 6; i++) {
      h.run("octo/api", "wf-" + i, "main", FAILURE, "abc123", Duration.ofMinutes(3));
      h.advance(Duration.ofSeconds(4));
    }
    h.settle();
    h.settle();
    assertThat(h.slack.delivered()).hasSize(1);
    Notification n = h.slack.delivered().get(0);
    assertThat(n.items()).extracting(NotificationItem::workflow)
        .containsExactly("wf-1", "wf-2", "wf-3", "wf-4", "wf-5", "wf-6");
    assertThat(n.keys()).hasSize(6);
    assertThat(h.store.outbox(OutboxStatus.SENT, 20)).hasSize(12);
  }

  @Test
  @DisplayName("E14: a nightly workflow without a run for 26 h raises no-data, resolved by the next run")
  void e14() {
    AlertRule rule = new SilentPipelineRule("nightly", RuleScope.defaultBranch(), List.of(), Duration.ofHours(25));
    AlertHarness h = new AlertHarness(AlertConfig.of(List.of(rule)));
    h.run("octo/api", "Nightly", "main", SUCCESS, "n1", Duration.ofMinutes(30), "schedule");
    h.advance(Duration.ofHours(24));
    h.engine.tick();
    h.settle();
    assertThat(h.slack.delivered()).isEmpty();
    h.advance(Duration.ofHours(2));
    h.engine.tick();
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING);
    assertThat(h.slack.delivered().get(0).lead().summary()).contains("no completed run for 26h");
    h.run("octo/api", "Nightly", "main", SUCCESS, "n2", Duration.ofMinutes(30), "schedule");
    h.settle();
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.RESOLVED);
  }

  @Test
  @DisplayName("E16: provider timestamps 5 min in the future count in windows and give no negative durations")
  void e16() {
    AlertRule rate = SuccessRateRule.window("rate", RuleScope.defaultBranch(), 50, Duration.ofHours(1), 1);
    AlertRule silent = new SilentPipelineRule("nightly", RuleScope.defaultBranch(), List.of(), Duration.ofHours(1));
    AlertHarness h = new AlertHarness(AlertConfig.of(List.of(rate, silent)));
    h.providerSkew = Duration.ofMinutes(5);
    var build = h.run("octo/api", "CI", "main", FAILURE, "skew", Duration.ofMinutes(4), "schedule");
    h.engine.tick();
    h.settle();
    assertThat(build.durationMs()).isNotNegative();
    assertThat(h.state("rate")).isEqualTo(AlertState.FIRING);
    assertThat(h.state("nightly")).isEqualTo(AlertState.INACTIVE);
    assertThat(h.slack.delivered()).extracting(n -> n.lead().ruleId()).containsExactly("rate");
  }
}
