package dev.cicd.store.jpa.alert.internal;

import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Table {@code alert_instance}: one row per fingerprint with an optimistic version. */
public final class InstanceTable {
  private static final String COLUMNS = "fingerprint, rule_id, rule_type, repository, workflow, branch, state, since,"
      + " episode, fired_at, last_notified_at, notice_seq, thread_root_ref, last_notice_ref, last_event_key, summary,"
      + " build_id, commit_sha, version";

  private final AlertDb db;
  private final String table;

  public InstanceTable(AlertDb db) {
    this.db = db;
    this.table = db.table("alert_instance");
  }

  public Optional<AlertInstance> find(String fingerprint) {
    return db.autoCommit(() -> "Failed to read alert " + fingerprint, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table
          + " WHERE fingerprint = ?")) {
        Args.of(ps).text(fingerprint);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.<AlertInstance>empty();
        }
      }
    });
  }

  public List<AlertInstance> inStates(Set<AlertState> states) {
    if (states.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", Collections.nCopies(states.size(), "?"));
    String sql = "SELECT " + COLUMNS + " FROM " + table + " WHERE state IN (" + marks + ") ORDER BY since, "
        + db.textOrder("fingerprint");
    return db.autoCommit(() -> "Failed to list alerts in states " + states, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Args args = Args.of(ps);
        for (AlertState state : states) {
          args.code(state);
        }
        List<AlertInstance> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            result.add(read(rs));
          }
        }
        return result;
      }
    });
  }

  /** Inserts a new instance at version 1; a unique violation means someone else created it first. */
  void insert(Connection c, AlertInstance instance) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS + ") VALUES"
        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      Args args = Args.of(ps).text(instance.fingerprint()).text(instance.ruleId());
      bindState(args, instance).number(1L);
      ps.executeUpdate();
    }
  }

  /** @return whether the row was at {@code expectedVersion} and is now at the next version */
  boolean update(Connection c, AlertInstance instance, long expectedVersion) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET rule_type = ?, repository = ?,"
        + " workflow = ?, branch = ?, state = ?, since = ?, episode = ?, fired_at = ?, last_notified_at = ?,"
        + " notice_seq = ?, thread_root_ref = ?, last_notice_ref = ?, last_event_key = ?, summary = ?, build_id = ?,"
        + " commit_sha = ?, version = ? WHERE fingerprint = ? AND version = ?")) {
      Args args = bindState(Args.of(ps), instance).number(expectedVersion + 1);
      args.text(instance.fingerprint()).number(expectedVersion);
      return ps.executeUpdate() == 1;
    }
  }

  /** Binds rule_type through commit_sha (the order of {@link #COLUMNS} after rule_id). */
  private static Args bindState(Args args, AlertInstance i) throws SQLException {
    return args.text(i.ruleType()).text(i.repository()).text(i.workflow()).text(i.branch()).code(i.state())
        .time(i.since()).number(i.episode()).time(i.firedAt()).time(i.lastNotifiedAt()).integer(i.noticeSeq())
        .text(i.threadRootRef()).text(i.lastNoticeRef()).text(i.lastEventKey()).text(i.summary()).text(i.buildId())
        .text(i.commitSha());
  }

  private static AlertInstance read(ResultSet rs) throws SQLException {
    return new AlertInstance(Columns.text(rs, "fingerprint"), Columns.text(rs, "rule_id"),
        Columns.text(rs, "rule_type"), Columns.text(rs, "repository"), Columns.text(rs, "workflow"),
        Columns.text(rs, "branch"), Columns.code(rs, "state", AlertState.class), Columns.time(rs, "since"),
        rs.getLong("episode"), Columns.optionalTime(rs, "fired_at"), Columns.optionalTime(rs, "last_notified_at"),
        rs.getInt("notice_seq"), Columns.optionalText(rs, "thread_root_ref"),
        Columns.optionalText(rs, "last_notice_ref"), Columns.optionalText(rs, "last_event_key"),
        Columns.text(rs, "summary"), Columns.optionalText(rs, "build_id"), Columns.optionalText(rs, "commit_sha"),
        rs.getLong("version"));
  }
}
