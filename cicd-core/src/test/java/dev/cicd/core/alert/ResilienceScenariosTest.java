package dev.cicd.core.alert;

import static dev.cicd.core.build.Conclusion.FAILURE;
import static dev.cicd.core.build.Conclusion.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RELIABILITY §6.7 E10, E15, E17, configuration and restart. */
class ResilienceScenariosTest {

  @Test
  @DisplayName("E10: a firing system alert for a repository inhibits its no-data alerts until it resolves")
  void e10() {
    AlertRule rule = new SilentPipelineRule("nightly", RuleScope.defaultBranch(), List.of(), Duration.ofHours(25));
    AlertHarness h = new AlertHarness(AlertConfig.of(List.of(rule)).withRepeatInterval(Duration.ZERO));
    h.run("octo/api", "Nightly", "main", SUCCESS, "n1", Duration.ofMinutes(30), "schedule");
    h.engine.raiseSystemAlert("ingest-stale", "octo/api", "no webhook for 2h");
    h.settle();
    assertThat(h.slack.delivered()).extracting(n -> n.lead().ruleId()).containsExactly("system.ingest-stale");
    h.advance(Duration.ofHours(26));
    h.engine.tick();
    h.settle();
    assertThat(h.instance("nightly", "octo/api", "Nightly", "main").state()).isEqualTo(AlertState.FIRING);
    assertThat(h.slack.delivered()).hasSize(1);
    assertThat(h.store.outbox(OutboxStatus.SUPPRESSED, 5).get(0).lastError())
        .isEqualTo("inhibited by system alert system.ingest-stale");
    h.engine.resolveSystemAlert("ingest-stale", "octo/api");
    h.engine.tick();
    h.settle();
    assertThat(h.slack.delivered()).extracting(n -> n.lead().ruleId() + ":" + n.kind())
        .containsExactly("system.ingest-stale:FIRING", "system.ingest-stale:RESOLVED", "nightly:FIRING");
  }

  @Test
  @DisplayName("E15: a failing build-store read keeps states (no resolve storm) and raises one system alert")
  void e15() {
    MutableClock clock = MutableClock.at("2025-03-10T10:00:00Z");
    FlakyBuildStore builds = new FlakyBuildStore();
    AlertStore store = new InMemoryAlertStore();
    RecordingSink slack = new RecordingSink("slack");
    AlertEngine engine = AlertEngine.builder().buildStore(builds).alertStore(store).clock(clock)
        .channels(List.of("slack")).build();
    IngestionService ingest = IngestionService.create(builds, clock);
    ingest.addListener(engine);
    AlertDispatcher dispatcher = AlertDispatcher.builder().store(store).sink(slack).clock(clock).build();
    for (String repo : List.of("octo/a", "octo/b", "octo/c")) {
      completed(ingest, repo, 1, dev.cicd.core.build.Conclusion.FAILURE, clock);
    }
    assertThat(store.instances(EnumSet.of(AlertState.FIRING))).hasSize(3);

    builds.failing = true;
    for (String repo : List.of("octo/a", "octo/b", "octo/c")) {
      completed(ingest, repo, 2, dev.cicd.core.build.Conclusion.SUCCESS, clock);
    }
    engine.tick();
    clock.advance(Duration.ofSeconds(31));
    dispatcher.drain(5);
    assertThat(store.instances(EnumSet.of(AlertState.FIRING))).extracting(AlertInstance::ruleId)
        .containsOnly(AlertRules.DEFAULT_RULE_ID, "system." + AlertEngine.EVALUATION_FAILING).hasSize(4);
    assertThat(slack.delivered()).extracting(n -> n.lead().ruleId() + ":" + n.kind()).containsExactlyInAnyOrder(
        "default-branch-failed:FIRING", "default-branch-failed:FIRING", "default-branch-failed:FIRING",
        "system.evaluation-failing:FIRING");

    builds.failing = false;
    engine.tick();
    clock.advance(Duration.ofSeconds(31));
    dispatcher.drain(5);
    assertThat(store.instances(EnumSet.of(AlertState.FIRING))).isEmpty();
    assertThat(slack.kinds()).filteredOn(k -> k == NotificationKind.RESOLVED).hasSize(4);
  }

  private static void completed(IngestionService ingest, String repo, long run, dev.cicd.core.build.Conclusion c,
      MutableClock clock) {
    Instant now = clock.instant();
    ingest.ingest(RunUpdate.builder(BuildId.github(repo, run)).workflowName("CI").runNumber(run).branch("main")
        .createdAt(now.minusSeconds(100 - run)).startedAt(now.minusSeconds(60)).updatedAt(now)
        .status(BuildStatus.COMPLETED).conclusion(c).build());
  }

  @Test
  @DisplayName("E17: editing a firing rule's threshold keeps its fingerprint and sends no resolve/refire")
  void e17() {
    AlertRule three = new ConsecutiveFailuresRule("streak", RuleScope.defaultBranch(), List.of(), 3, 1);
    AlertHarness h = new AlertHarness(AlertConfig.of(List.of(three)));
    for (int i = 0; i < 3; i++) {
      h.run(FAILURE);
    }
    h.settle();
    String fingerprint = h.instance("streak").fingerprint();
    h.engine.configure(AlertConfig.of(List.of(new ConsecutiveFailuresRule("streak", RuleScope.defaultBranch(),
        List.of(), 5, 1))));
    h.engine.tick();
    h.run(FAILURE);
    h.settle();
    h.engine.configure(AlertConfig.of(List.of(new ConsecutiveFailuresRule("streak", RuleScope.defaultBranch(),
        List.of(), 2, 1))));
    h.run(FAILURE);
    h.settle();
    assertThat(h.instance("streak").fingerprint()).isEqualTo(fingerprint);
    assertThat(h.instance("streak").state()).isEqualTo(AlertState.FIRING);
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING);
    assertThat(h.store.transitions(fingerprint, 10)).extracting(AlertTransition::to)
        .containsExactly(AlertState.FIRING, AlertState.PENDING);
  }

  @Test
  @DisplayName("removing a firing rule retires its alert silently on the next tick")
  void removedRule() {
    AlertHarness h = new AlertHarness(AlertConfig.defaults());
    h.run(FAILURE);
    h.settle();
    h.engine.configure(AlertConfig.of(List.of()));
    h.engine.tick();
    h.settle();
    assertThat(h.state(AlertRules.DEFAULT_RULE_ID)).isEqualTo(AlertState.INACTIVE);
    assertThat(h.slack.kinds()).containsExactly(NotificationKind.FIRING);
    assertThat(h.store.transitions(null, 1).get(0).reason()).isEqualTo("rule removed");
  }

  @Test
  @DisplayName("configure rejects unknown channels and receivers, naming them, and changes nothing")
  void configureValidates() {
    AlertHarness h = new AlertHarness(AlertConfig.defaults());
    AlertConfig bad = AlertConfig.of(List.of(new EveryFailureRule("x", RuleScope.defaultBranch(), List.of("pager"))),
        new Receiver("team", "teams", true, null));
    assertThatThrownBy(() -> h.engine.configure(bad)).isInstanceOf(InvalidAlertConfigException.class)
        .hasMessageContaining("channel must be one of [mail, slack], but was 'teams'")
        .hasMessageContaining("rule 'x': receiver must be one of [team], but was 'pager'");
    assertThat(h.engine.config()).isEqualTo(AlertConfig.defaults());
    assertThat(h.store.loadConfig()).isEmpty();
  }

  @Test
  @DisplayName("restart: a new engine and dispatcher over the same stores deliver the pending notifications once")
  void restart() {
    AlertHarness h = new AlertHarness(AlertConfig.defaults());
    h.engine.configure(AlertConfig.defaults().withGroupWait(Duration.ofSeconds(5)));
    h.run(SUCCESS);
    h.run(FAILURE);
    h.clock.advance(Duration.ofSeconds(6));
    List<OutboxEntry> grabbed = h.store.claimDue(h.clock.instant(), 10, "crashed-instance", Duration.ofMinutes(5));
    assertThat(grabbed).hasSize(2);

    AlertEngine engine2 = AlertEngine.builder().buildStore(h.builds).alertStore(h.store).clock(h.clock)
        .channels(List.of("slack", "mail")).build();
    assertThat(engine2.config().groupWait()).isEqualTo(Duration.ofSeconds(5));
    RecordingSink slack2 = new RecordingSink("slack");
    RecordingSink mail2 = new RecordingSink("mail");
    AlertDispatcher dispatcher2 = AlertDispatcher.builder().store(h.store).sink(slack2).sink(mail2).clock(h.clock)
        .leaseOwner("instance-2").build();
    assertThat(dispatcher2.runOnce()).as("the crashed instance's lease is still valid").isZero();
    h.clock.advance(Duration.ofMinutes(5));
    dispatcher2.drain(5);
    dispatcher2.drain(5);
    assertThat(slack2.kinds()).containsExactly(NotificationKind.FIRING);
    assertThat(mail2.kinds()).containsExactly(NotificationKind.FIRING);
    assertThat(h.slack.delivered()).isEmpty();
    engine2.onBuildChanged(new dev.cicd.core.ingest.BuildChange(null, h.run(SUCCESS)));
    dispatcher2.drain(5);
    assertThat(slack2.kinds()).containsExactly(NotificationKind.FIRING, NotificationKind.RESOLVED);
  }
}
