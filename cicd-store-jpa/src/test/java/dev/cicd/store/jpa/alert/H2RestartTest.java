package dev.cicd.store.jpa.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.AlertTransition;
import dev.cicd.core.alert.AlertUpdate;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.core.alert.Silence;
import dev.cicd.core.alert.SilenceMatcher;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Everything the alert store holds is on disk: a new store on the same H2 directory reads it all back. */
class H2RestartTest {
  private static final Instant T0 = Instant.parse("2025-03-10T10:00:00Z");

  @Test
  @DisplayName("firing instances, pending and leased outbox rows, transitions, config and silences survive a reopen")
  void survivesReopen() throws Exception {
    try (H2Database db = new H2Database().open()) {
      JpaAlertStore before = db.alerts();
      AlertConfig config = AlertStoreBehaviour.everyRuleType();
      before.saveConfig(config);
      AlertInstance pending = AlertInstance.inactive("p", "failed", "octo/web", HostileText.pick(0), "main", T0)
          .moveTo(AlertState.PENDING, T0, 1, null);
      AlertInstance firing = AlertInstance.inactive("f", "failed", "octo/api", HostileText.pick(1), "main", T0)
          .moveTo(AlertState.FIRING, T0, 1, T0).describe(HostileText.pick(2), "github:octo:api:9", "abc")
          .noticed("1.firing.1", T0, "github:octo:api:9#1");
      AlertTransition fired = AlertTransition.of(AlertInstance.inactive("f", "failed", "octo/api",
          HostileText.pick(1), "main", T0), firing, T0, "build #9 failed");
      before.commit(new AlertUpdate(0, pending, List.of(), List.of(), List.of(), T0));
      before.commit(new AlertUpdate(0, firing, List.of(fired), List.of(AlertStoreBehaviour.row("due", firing),
          OutboxEntry.pending("later", "mail", "mail", AlertStoreBehaviour.row("x", firing).item(), "octo/api@abc",
              null, "due", "due", T0, T0.plusSeconds(30)),
          AlertStoreBehaviour.row("second", firing)), List.of(), T0));
      before.claimDue(T0, 1, "dispatcher-that-dies", Duration.ofMinutes(5));
      Silence silence = new Silence("s", List.of(SilenceMatcher.repository("octo/*")), T0, T0.plusSeconds(3600),
          "alice", "maintenance 🚧", T0);
      before.saveSilence(silence);
      List<OutboxEntry> rows = before.outbox(null, 10);
      List<AlertInstance> open = before.instances(EnumSet.of(AlertState.PENDING, AlertState.FIRING));
      List<AlertTransition> history = before.transitions(null, 10);

      db.reopen();
      JpaAlertStore after = db.alerts();
      assertThat(after).isNotSameAs(before);
      assertThat(Files.list(db.directory()).map(p -> p.getFileName().toString())).contains("cicd.mv.db");
      assertThat(after.loadConfig()).contains(config);
      assertThat(after.instances(EnumSet.of(AlertState.PENDING, AlertState.FIRING))).isEqualTo(open).hasSize(2);
      assertThat(after.findInstance(firing.fingerprint()).orElseThrow().version()).isEqualTo(1);
      assertThat(after.transitions(null, 10)).isEqualTo(history).hasSize(1);
      assertThat(after.outbox(null, 10)).isEqualTo(rows).hasSize(3);
      assertThat(after.outboxCounts()).containsEntry(OutboxStatus.PENDING, 3L);
      assertThat(after.silences()).containsExactly(silence);

      assertThat(after.claimDue(T0.plusSeconds(30), 10, "new", Duration.ofMinutes(5)))
          .as("due rows not leased by the dead dispatcher").extracting(OutboxEntry::key)
          .containsExactly("second", "later");
      assertThat(after.claimDue(T0.plus(Duration.ofMinutes(5)), 10, "new", Duration.ofMinutes(5)))
          .as("the dead dispatcher's row once its lease expired").extracting(OutboxEntry::key).containsExactly("due");
    }
  }
}
