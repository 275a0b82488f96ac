package dev.cicd.store.jpa.internal;

import dev.cicd.core.store.BuildStoreException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Interned strings of table {@code term}: small ids for repositories, workflow names, branches, events
 * and providers, so that indexes never hold long provider text. Entries are immutable and never
 * deleted, so ids are cached in memory and safe to share between instances. Id 0 stands for null.
 */
public final class Terms {
  /** What a term names. */
  public enum Kind {
    PROVIDER, REPOSITORY, WORKFLOW, BRANCH, EVENT;

    String column() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private record Key(Kind kind, String text) {}

  private static final int CACHE_LIMIT = 100_000;
  private final StoreDatabase db;
  private final Map<Key, Long> ids = new ConcurrentHashMap<>();
  private final Map<Long, String> texts = new ConcurrentHashMap<>();

  public Terms(StoreDatabase db) {
    this.db = db;
  }

  /** The id of {@code text}, created (and committed) if new; 0 for null. */
  public long idOf(Kind kind, @Nullable String text) {
    if (text == null) {
      return 0;
    }
    Long cached = ids.get(new Key(kind, text));
    if (cached != null) {
      return cached;
    }
    long id = db.withConnection(() -> "Failed to store the " + kind.column() + " name '" + abbreviate(text) + "'",
        c -> {
          Optional<Long> found = select(c, kind, text);
          if (found.isPresent()) {
            return found.get();
          }
          try {
            insert(c, kind, text);
          } catch (SQLException e) {
            if (!Failures.isUniqueViolation(e)) {
              throw e;
            }
          }
          return select(c, kind, text).orElseThrow(() -> new SQLException("term vanished after insert"));
        });
    remember(kind, text, id);
    return id;
  }

  /** The id of an existing term; empty when no build ever used {@code text}. */
  public Optional<Long> find(Kind kind, String text) {
    Long cached = ids.get(new Key(kind, text));
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Long> found = db.withConnection(() -> "Failed to look up a " + kind.column() + " name",
        c -> select(c, kind, text));
    found.ifPresent(id -> remember(kind, text, id));
    return found;
  }

  /** The texts of the given ids (missing ids are left out). */
  public Map<Long, String> texts(Connection c, Collection<Long> wanted) throws SQLException {
    Map<Long, String> result = new HashMap<>();
    StringBuilder missing = new StringBuilder();
    for (Long id : wanted) {
      String text = texts.get(id);
      if (text != null) {
        result.put(id, text);
      } else {
        missing.append(missing.length() == 0 ? "" : ",").append(id.longValue());
      }
    }
    if (missing.length() > 0) {
      String sql = "SELECT id, term FROM " + db.table("term") + " WHERE id IN (" + missing + ")";
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.put(rs.getLong(1), rs.getString(2));
          texts.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    return result;
  }

  private Optional<Long> select(Connection c, Kind kind, String text) throws SQLException {
    String sql = "SELECT id, term FROM " + db.table("term") + " WHERE kind = ? AND hash = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, kind.column());
      ps.setLong(2, hash(text));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (!text.equals(rs.getString(2))) {
          throw new BuildStoreException("Two " + kind.column() + " names share a 64-bit hash; cannot store '"
              + abbreviate(text) + "'");
        }
        return Optional.of(rs.getLong(1));
      }
    }
  }

  private void insert(Connection c, Kind kind, String text) throws SQLException {
    String next = db.kind() == StoreDatabase.Kind.POSTGRESQL
        ? "nextval('" + db.table("term_seq") + "')"
        : "NEXT VALUE FOR " + db.table("term_seq");
    String sql = "INSERT INTO " + db.table("term") + " (id, kind, hash, term) VALUES (" + next + ", ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, kind.column());
      ps.setLong(2, hash(text));
      ps.setString(3, text);
      ps.executeUpdate();
    }
  }

  private void remember(Kind kind, String text, long id) {
    if (ids.size() > CACHE_LIMIT) {
      ids.clear();
      texts.clear();
    }
    ids.put(new Key(kind, text), id);
    texts.put(id, text);
  }

  /** First 8 bytes of the SHA-256 of the text as UTF-16BE code units (exact even for lone surrogates). */
  public static long hash(String text) {
    byte[] units = new byte[text.length() * 2];
    for (int i = 0; i < text.length(); i++) {
      units[2 * i] = (byte) (text.charAt(i) >>> 8);
      units[2 * i + 1] = (byte) text.charAt(i);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(units);
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (digest[i] & 0xFF);
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}
