package dev.cicd.benchmarks.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Server settings of the benchmark's PostgreSQL for one run ({@code --pg-settings max_wal_size=8GB,...}): set with
 * {@code ALTER SYSTEM} and a configuration reload, and reset the same way when closed, or when the JVM exits
 * before that. Only settings a reload applies are accepted; one that needs a restart is refused by name.
 */
final class PostgresSettings implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[a-z_]{1,63}");
  private static final Pattern VALUE = Pattern.compile("-?[A-Za-z0-9._]{1,32}");
  private static final Set<String> RELOADABLE = Set.of("sighup", "superuser", "user");

  private final List<String> names;
  private final Thread resetAtExit = new Thread(this::reset, "reset-postgres-settings");
  private boolean closed;

  private PostgresSettings(List<String> names) {
    this.names = names;
  }

  /** Applies {@code name=value[,name=value...]} (an empty text: none) and returns what resets them. */
  static PostgresSettings apply(String spec) throws SQLException {
    Map<String, String> settings = parse(spec);
    PostgresSettings applied = new PostgresSettings(List.copyOf(settings.keySet()));
    if (settings.isEmpty()) {
      return applied;
    }
    try (Connection c = Database.adminConnection(); Statement s = c.createStatement()) {
      for (Map.Entry<String, String> setting : settings.entrySet()) {
        try (PreparedStatement ps = c.prepareStatement("SELECT context FROM pg_settings WHERE name = ?")) {
          ps.setString(1, setting.getKey());
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !RELOADABLE.contains(rs.getString(1))) {
              throw new IllegalArgumentException("--pg-settings: " + setting.getKey()
                  + " is not a PostgreSQL setting that a configuration reload applies");
            }
          }
        }
      }
      Runtime.getRuntime().addShutdownHook(applied.resetAtExit);
      for (Map.Entry<String, String> setting : settings.entrySet()) {
        s.execute("ALTER SYSTEM SET " + setting.getKey() + " = '" + setting.getValue() + "'");
      }
      s.execute("SELECT pg_reload_conf()");
    }
    awaitApplied(applied.names);
    return applied;
  }

  /** A reload is asynchronous: waits until a new session sees every setting from {@code postgresql.auto.conf}. */
  private static void awaitApplied(List<String> names) throws SQLException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try (Connection c = Database.adminConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*)"
          + " FROM pg_settings WHERE name = ANY (?) AND sourcefile LIKE '%postgresql.auto.conf'")) {
        ps.setArray(1, c.createArrayOf("text", names.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getInt(1) == names.size()) {
            return;
          }
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("PostgreSQL did not apply " + names + " within 10 s of a reload");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  static Map<String, String> parse(String spec) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] nameValue = part.trim().split("=", 2);
      if (nameValue.length != 2 || !NAME.matcher(nameValue[0]).matches() || !VALUE.matcher(nameValue[1]).matches()) {
        throw new IllegalArgumentException("--pg-settings takes name=value pairs separated by commas (a value of"
            + " letters, digits, '.' and '_', perhaps after a '-'), but got '" + part + "'");
      }
      settings.put(nameValue[0], nameValue[1]);
    }
    return settings;
  }

  /** The settings as PostgreSQL now shows them, for the report. */
  String describe() throws SQLException {
    List<String> shown = new ArrayList<>();
    try (Connection c = Database.adminConnection(); Statement s = c.createStatement()) {
      for (String name : names) {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
          rs.next();
          shown.add(name + "=" + rs.getString(1));
        }
      }
    }
    return shown.isEmpty() ? "server defaults" : String.join(", ", shown);
  }

  @Override
  public synchronized void close() {
    if (!closed && !names.isEmpty()) {
      Runtime.getRuntime().removeShutdownHook(resetAtExit);
    }
    reset();
  }

  private synchronized void reset() {
    if (closed || names.isEmpty()) {
      closed = true;
      return;
    }
    closed = true;
    try (Connection c = Database.adminConnection(); Statement s = c.createStatement()) {
      for (String name : names) {
        s.execute("ALTER SYSTEM RESET " + name);
      }
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      System.err.println("Could not reset PostgreSQL's " + names + "; run ALTER SYSTEM RESET for each: " + e);
    }
  }
}
