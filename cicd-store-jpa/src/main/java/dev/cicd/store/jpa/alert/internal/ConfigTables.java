package dev.cicd.store.jpa.alert.internal;

import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertRule;
import dev.cicd.core.alert.QuietHours;
import dev.cicd.core.alert.Receiver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The alert configuration as relational data: the single {@code alert_config} row (timers), the rules
 * ({@link RuleTables}) and {@code alert_receiver}. Saving replaces everything in one transaction that
 * first locks the config row; loading reads one snapshot.
 */
public final class ConfigTables {
  private final AlertDb db;
  private final RuleTables rules;

  public ConfigTables(AlertDb db) {
    this.db = db;
    this.rules = new RuleTables(db);
  }

  public void save(AlertConfig config) {
    db.transactionRetrying(() -> "Failed to save the alert configuration", c -> {
      lockAndWriteTimers(c, config);
      rules.deleteAll(c);
      execute(c, "DELETE FROM " + db.table("alert_receiver"));
      rules.insert(c, config.rules());
      insertReceivers(c, config.receivers());
      return null;
    });
  }

  public Optional<AlertConfig> load() {
    return db.snapshot(() -> "Failed to read the alert configuration", c -> {
      String groupWait;
      String repeatInterval;
      try (PreparedStatement ps = c.prepareStatement("SELECT saved, group_wait, repeat_interval FROM "
          + db.table("alert_config") + " WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !rs.getBoolean("saved")) {
          return Optional.<AlertConfig>empty();
        }
        groupWait = Columns.text(rs, "group_wait");
        repeatInterval = Columns.text(rs, "repeat_interval");
      }
      List<AlertRule> ruleList = rules.load(c);
      List<Receiver> receivers = loadReceivers(c);
      try {
        return Optional.of(new AlertConfig(ruleList, receivers, Duration.parse(groupWait),
            Duration.parse(repeatInterval)));
      } catch (RuntimeException e) {
        throw new SQLException("the stored alert configuration is not valid: " + e.getMessage(), e);
      }
    });
  }

  private void lockAndWriteTimers(Connection c, AlertConfig config) throws SQLException {
    int updated;
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + db.table("alert_config") + " SET saved = ?,"
        + " group_wait = ?, repeat_interval = ?, version = version + 1 WHERE id = 1")) {
      Args.of(ps).bool(true).text(config.groupWait().toString()).text(config.repeatInterval().toString());
      updated = ps.executeUpdate();
    }
    if (updated == 0) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.table("alert_config")
          + " (id, saved, group_wait, repeat_interval, version) VALUES (1, ?, ?, ?, 1)")) {
        Args.of(ps).bool(true).text(config.groupWait().toString()).text(config.repeatInterval().toString());
        ps.executeUpdate();
      }
    }
  }

  private void insertReceivers(Connection c, List<Receiver> receivers) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.table("alert_receiver") + " (receiver_id,"
        + " position, channel, send_resolved, quiet_zone, quiet_start, quiet_end) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (Receiver r : receivers) {
        QuietHours quiet = r.quietHours();
        Args.of(ps).text(r.id()).integer(position++).text(r.channel()).bool(r.sendResolved())
            .text(quiet == null ? null : quiet.zone().getId())
            .text(quiet == null ? null : quiet.start().toString())
            .text(quiet == null ? null : quiet.end().toString());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private List<Receiver> loadReceivers(Connection c) throws SQLException {
    List<Receiver> receivers = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT receiver_id, channel, send_resolved, quiet_zone,"
        + " quiet_start, quiet_end FROM " + db.table("alert_receiver") + " ORDER BY position");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String zone = Columns.optionalText(rs, "quiet_zone");
        try {
          QuietHours quiet = zone == null ? null
              : QuietHours.of(zone, Columns.text(rs, "quiet_start"), Columns.text(rs, "quiet_end"));
          receivers.add(new Receiver(Columns.text(rs, "receiver_id"), Columns.text(rs, "channel"),
              rs.getBoolean("send_resolved"), quiet));
        } catch (RuntimeException e) {
          throw new SQLException("stored receiver '" + rs.getString("receiver_id") + "' is not valid: "
              + e.getMessage(), e);
        }
      }
    }
    return receivers;
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.executeUpdate();
    }
  }
}
