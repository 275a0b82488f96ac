package dev.cicd.store.jpa.alert.internal;

import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.AlertTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Table {@code alert_transition}: append-only history; the generated id orders it. */
public final class TransitionTable {
  private static final String COLUMNS = "fingerprint, rule_id, repository, workflow, branch, from_state, to_state,"
      + " episode, changed_at, reason, build_id";

  private final AlertDb db;
  private final String table;

  public TransitionTable(AlertDb db) {
    this.db = db;
    this.table = db.table("alert_transition");
  }

  void append(Connection c, List<AlertTransition> transitions) throws SQLException {
    if (transitions.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS + ") VALUES"
        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (AlertTransition t : transitions) {
        Args.of(ps).text(t.fingerprint()).text(t.ruleId()).text(t.repository()).text(t.workflow()).text(t.branch())
            .code(t.from()).code(t.to()).number(t.episode()).time(t.at()).text(t.reason()).text(t.buildId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** At most {@code limit} transitions, newest first, of one alert or of all when null. */
  public List<AlertTransition> newest(@Nullable String fingerprint, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    String sql = "SELECT " + COLUMNS + " FROM " + table + (fingerprint == null ? "" : " WHERE fingerprint = ?")
        + " ORDER BY id DESC LIMIT ?";
    return db.autoCommit(() -> "Failed to list alert transitions", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Args args = Args.of(ps);
        if (fingerprint != null) {
          args.text(fingerprint);
        }
        args.integer(limit);
        List<AlertTransition> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            result.add(new AlertTransition(Columns.text(rs, "fingerprint"), Columns.text(rs, "rule_id"),
                Columns.text(rs, "repository"), Columns.text(rs, "workflow"), Columns.text(rs, "branch"),
                Columns.code(rs, "from_state", AlertState.class), Columns.code(rs, "to_state", AlertState.class),
                rs.getLong("episode"), Columns.time(rs, "changed_at"), Columns.text(rs, "reason"),
                Columns.optionalText(rs, "build_id")));
          }
        }
        return result;
      }
    });
  }
}
