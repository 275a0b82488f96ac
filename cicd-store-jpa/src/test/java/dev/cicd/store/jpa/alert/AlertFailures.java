package dev.cicd.store.jpa.alert;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.AlertStoreException;
import dev.cicd.core.alert.AlertUpdate;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.core.alert.Silence;
import dev.cicd.core.alert.SilenceMatcher;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.function.Executable;

/** Calls every AlertStore operation on a broken database and expects AlertStoreException each time. */
final class AlertFailures {
  private static final Instant T0 = Instant.parse("2025-03-10T10:00:00Z");
  private static final List<String> TABLES = List.of("alert_rule_scope", "alert_rule_receiver", "alert_rule_param",
      "alert_rule", "alert_receiver", "alert_config", "alert_transition", "alert_outbox", "alert_instance",
      "alert_silence_matcher", "alert_silence");

  private AlertFailures() {}

  static void dropAlertTables(DataSource dataSource, String prefix) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (String table : TABLES) {
        s.execute("DROP TABLE " + prefix + table + " CASCADE");
      }
    }
  }

  static void assertEveryOperationFails(JpaAlertStore store) {
    AlertInstance firing = AlertInstance.inactive("r", "failed", "o/r", "CI", "main", T0)
        .moveTo(AlertState.FIRING, T0, 1, T0);
    Silence silence = new Silence("s", List.of(SilenceMatcher.rule("r")), T0, T0.plusSeconds(1), "a", "b", T0);
    Map<String, Executable> operations = new LinkedHashMap<>();
    operations.put("loadConfig", store::loadConfig);
    operations.put("saveConfig", () -> store.saveConfig(AlertConfig.defaults()));
    operations.put("findInstance", () -> store.findInstance(firing.fingerprint()));
    operations.put("instances", () -> store.instances(EnumSet.allOf(AlertState.class)));
    operations.put("commit", () -> store.commit(new AlertUpdate(0, firing, List.of(), List.of(), List.of(), T0)));
    operations.put("transitions", () -> store.transitions(null, 10));
    operations.put("findOutbox", () -> store.findOutbox("k"));
    operations.put("outbox", () -> store.outbox(null, 10));
    operations.put("outboxCounts", store::outboxCounts);
    operations.put("groupRelease", () -> store.groupRelease("g"));
    operations.put("claimDue", () -> store.claimDue(T0, 10, "me", Duration.ofMinutes(1)));
    operations.put("complete", () -> store.complete("k", "me", OutboxStatus.SENT, T0, null, true));
    operations.put("reschedule", () -> store.reschedule("k", "me", T0, T0, null, true));
    operations.put("saveSilence", () -> store.saveSilence(silence));
    operations.put("findSilence", () -> store.findSilence("s"));
    operations.put("silences", store::silences);
    operations.forEach((name, operation) -> assertThatThrownBy(operation::execute).as(name)
        .isInstanceOf(AlertStoreException.class).hasCauseInstanceOf(SQLException.class));
  }
}
