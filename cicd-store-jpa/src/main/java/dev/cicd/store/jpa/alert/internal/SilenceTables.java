package dev.cicd.store.jpa.alert.internal;

import dev.cicd.core.alert.Silence;
import dev.cicd.core.alert.SilenceMatcher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Tables {@code alert_silence} and {@code alert_silence_matcher} (matchers in order). */
public final class SilenceTables {
  private static final String COLUMNS = "silence_id, starts_at, ends_at, author, reason, created_at";

  private final AlertDb db;
  private final String silences;
  private final String matchers;

  public SilenceTables(AlertDb db) {
    this.db = db;
    this.silences = db.table("alert_silence");
    this.matchers = db.table("alert_silence_matcher");
  }

  /** Inserts or replaces the silence with this id (update first, insert when absent, matchers rewritten). */
  public void save(Silence s) {
    db.transactionRetrying(() -> "Failed to save silence " + s.id(), c -> {
      int updated;
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + silences + " SET starts_at = ?, ends_at = ?,"
          + " author = ?, reason = ?, created_at = ? WHERE silence_id = ?")) {
        Args.of(ps).time(s.startsAt()).time(s.endsAt()).text(s.author()).text(s.reason()).time(s.createdAt())
            .text(s.id());
        updated = ps.executeUpdate();
      }
      if (updated == 0) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + silences + " (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?)")) {
          Args.of(ps).text(s.id()).time(s.startsAt()).time(s.endsAt()).text(s.author()).text(s.reason())
              .time(s.createdAt());
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + matchers + " WHERE silence_id = ?")) {
        Args.of(ps).text(s.id());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + matchers + " (silence_id, position,"
          + " matcher_field, pattern) VALUES (?, ?, ?, ?)")) {
        int position = 0;
        for (SilenceMatcher m : s.matchers()) {
          Args.of(ps).text(s.id()).integer(position++).code(m.field()).text(m.pattern());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  public Optional<Silence> find(String id) {
    return db.snapshot(() -> "Failed to read silence " + id, c -> read(c, id).stream().findFirst());
  }

  /** Every silence, newest first (by creation, then id). */
  public List<Silence> all() {
    return db.snapshot(() -> "Failed to list silences", c -> read(c, null));
  }

  private List<Silence> read(Connection c, @Nullable String id) throws SQLException {
    String where = id == null ? "" : " WHERE silence_id = ?";
    Map<String, List<SilenceMatcher>> matchersById = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT silence_id, matcher_field, pattern FROM " + matchers
        + where + " ORDER BY silence_id, position")) {
      if (id != null) {
        Args.of(ps).text(id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          matchersById.computeIfAbsent(Columns.text(rs, "silence_id"), k -> new ArrayList<>()).add(new SilenceMatcher(
              Columns.code(rs, "matcher_field", SilenceMatcher.Field.class), Columns.text(rs, "pattern")));
        }
      }
    }
    List<Silence> result = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + silences + where
        + " ORDER BY created_at DESC, " + db.textOrder("silence_id") + " DESC")) {
      if (id != null) {
        Args.of(ps).text(id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String silenceId = Columns.text(rs, "silence_id");
          try {
            result.add(new Silence(silenceId, matchersById.getOrDefault(silenceId, List.of()),
                Columns.time(rs, "starts_at"), Columns.time(rs, "ends_at"), Columns.text(rs, "author"),
                Columns.text(rs, "reason"), Columns.time(rs, "created_at")));
          } catch (RuntimeException e) {
            throw new SQLException("stored silence '" + silenceId + "' is not valid: " + e.getMessage(), e);
          }
        }
      }
    }
    return result;
  }
}
