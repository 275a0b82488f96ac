package dev.cicd.store.jpa.alert.internal;

import dev.cicd.core.alert.AlertStoreException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Fails fast, naming the table, when the alert tables of the configured prefix are missing. */
public final class SchemaCheck {
  static final List<String> TABLES = List.of("alert_config", "alert_rule", "alert_rule_scope", "alert_rule_receiver",
      "alert_rule_param", "alert_receiver", "alert_instance", "alert_transition", "alert_outbox", "alert_silence",
      "alert_silence_matcher");

  private SchemaCheck() {}

  public static void requireTables(AlertDb db) {
    db.autoCommit(() -> "Failed to check the alert tables", c -> {
      for (String name : TABLES) {
        String table = db.table(name);
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE 1 = 0")) {
          ps.executeQuery().close();
        } catch (SQLException e) {
          throw new AlertStoreException("The alert table " + table + " is not usable (" + e.getMessage() + "). Open a"
              + " JpaBuildStore with table prefix '" + db.prefix() + "' on this database first: its Flyway run applies"
              + " db/migration/V2__alerts.sql, which creates the alert tables", e);
        }
      }
      return null;
    });
  }
}
