package dev.cicd.store.jpa.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertRules;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.Notification;
import dev.cicd.core.alert.NotificationItem;
import dev.cicd.core.alert.NotificationKind;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.testing.MutableClock;
import dev.cicd.store.jpa.JpaBuildStore;
import dev.cicd.store.jpa.PostgresExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end on real databases: a failing build ingested through IngestionService makes the engine
 * commit a firing alert and its outbox row to the JpaAlertStore, and the dispatcher delivers exactly
 * one notification, carrying the build's untrusted text unchanged.
 */
class AlertEndToEndTest {
  static final String TITLE = "Fix <script>alert('x')</script> & \"quotes\" 🚀";
  static final String ACTOR = "o'brien\"; DROP TABLE cicd_alert_outbox; --";
  static final String WORKFLOW = "CI 🚀 <b>build</b>";

  /** Green then red on main: exactly one FIRING notification, with the failing build's facts. */
  static void failingBuildNotifiesOnce(JpaBuildStore builds, JpaAlertStore alerts, String branchAsSent,
      String titleAsSent, String actorAsSent) {
    MutableClock clock = MutableClock.at("2025-03-10T10:00:00Z");
    RecordingSink sink = new RecordingSink("team-chat");
    AlertPipeline pipeline = new AlertPipeline(builds, alerts, clock, sink);

    pipeline.ingest(AlertPipeline.completedRun(clock.instant(), 1, branchAsSent, WORKFLOW, "green", "octocat",
        Conclusion.SUCCESS));
    clock.advance(Duration.ofMinutes(10));
    RunUpdate failing = AlertPipeline.completedRun(clock.instant(), 2, branchAsSent, WORKFLOW, titleAsSent,
        actorAsSent, Conclusion.FAILURE);
    Build failed = pipeline.ingest(failing);
    assertThat(pipeline.dispatcher.drain(10)).as("nothing is due before the group wait").isZero();
    assertThat(alerts.outbox(OutboxStatus.PENDING, 10)).hasSize(1);

    clock.advance(Duration.ofSeconds(31));
    assertThat(pipeline.dispatcher.drain(10)).isEqualTo(1);
    pipeline.ingest(failing); // the same webhook delivered again
    clock.advance(Duration.ofHours(1));
    pipeline.engine.tick();
    pipeline.dispatcher.drain(10);

    assertThat(sink.received()).hasSize(1);
    Notification notification = sink.received().get(0);
    assertThat(notification.kind()).isEqualTo(NotificationKind.FIRING);
    assertThat(notification.channelId()).isEqualTo("team-chat");
    NotificationItem item = notification.lead();
    assertThat(item.ruleId()).isEqualTo(AlertRules.DEFAULT_RULE_ID);
    assertThat(item.repository()).isEqualTo(AlertPipeline.REPO);
    assertThat(item.branch()).isEqualTo("main");
    assertThat(item.workflow()).isEqualTo(WORKFLOW);
    assertThat(item.commitTitle()).isEqualTo(TITLE);
    assertThat(item.actor()).isEqualTo(ACTOR);
    assertThat(item.buildId()).isEqualTo(failed.id().asString());
    assertThat(item.runNumber()).isEqualTo(2L);
    assertThat(item.commitSha()).isEqualTo("sha2");
    assertThat(item.buildUrl()).isEqualTo("https://github.com/" + AlertPipeline.REPO);
    assertThat(item.durationMs()).isEqualTo(Duration.ofMinutes(4).toMillis());

    OutboxEntry row = alerts.findOutbox(notification.key()).orElseThrow();
    assertThat(row.status()).isEqualTo(OutboxStatus.SENT);
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(alerts.outboxCounts()).isEqualTo(Map.of(OutboxStatus.SENT, 1L));
    AlertInstance instance = alerts.findInstance(item.fingerprint()).orElseThrow();
    assertThat(instance.state()).isEqualTo(AlertState.FIRING);
    assertThat(alerts.transitions(item.fingerprint(), 10)).extracting(t -> t.to()).contains(AlertState.FIRING);
  }

  @Nested
  @DisplayName("on H2")
  class OnH2 {
    @Test
    @DisplayName("a failing build produces exactly one delivered notification with its text unchanged")
    void failingBuild() throws Exception {
      try (H2Database db = new H2Database().open()) {
        failingBuildNotifiesOnce(db.builds(), db.alerts(), "main", TITLE, ACTOR);
      }
    }

    @Test
    @DisplayName("a notification queued before a restart is delivered once after it")
    void queuedBeforeRestart() throws Exception {
      try (H2Database db = new H2Database().open()) {
        MutableClock clock = MutableClock.at("2025-03-10T10:00:00Z");
        RecordingSink before = new RecordingSink("team-chat");
        AlertPipeline first = new AlertPipeline(db.builds(), db.alerts(), clock, before);
        first.ingest(AlertPipeline.completedRun(clock.instant(), 7, "main", WORKFLOW, TITLE, ACTOR,
            Conclusion.FAILURE));
        assertThat(first.dispatcher.drain(10)).isZero();

        db.reopen();
        clock.advance(Duration.ofSeconds(31));
        RecordingSink after = new RecordingSink("team-chat");
        AlertPipeline second = new AlertPipeline(db.builds(), db.alerts(), clock, after);
        assertThat(second.dispatcher.drain(10)).isEqualTo(1);
        assertThat(second.dispatcher.drain(10)).isZero();
        assertThat(before.received()).isEmpty();
        assertThat(after.received()).singleElement().satisfies(n -> {
          assertThat(n.kind()).isEqualTo(NotificationKind.FIRING);
          assertThat(n.lead().commitTitle()).isEqualTo(TITLE);
          assertThat(n.lead().actor()).isEqualTo(ACTOR);
        });
      }
    }
  }

  @Nested
  @DisplayName("on PostgreSQL")
  class OnPostgres {
    @RegisterExtension
    final PostgresExtension pg = new PostgresExtension();

    @Test
    @DisplayName("a failing build with NUL characters in its text notifies once, NUL removed, the rest unchanged")
    void failingBuildWithNul() {
      JpaBuildStore builds = pg.newStore();
      failingBuildNotifiesOnce(builds, JpaAlertStore.sharing(builds), "ma\u0000in", TITLE.replace("&", "&\u0000"),
          ACTOR.replace(";", "\u0000;"));
    }
  }
}
