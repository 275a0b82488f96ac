package dev.cicd.benchmarks.ingest;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cicd.store.jpa.JpaStoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a benchmark or fault-test server keeps its data: an H2 directory, or a PostgreSQL schema of its
 * own in the database named by {@code CICD_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test},
 * user {@code CICD_TEST_PG_USER}, default postgres, password {@code CICD_TEST_PG_PASSWORD}). Written as
 * {@code h2:<directory>} or {@code pg:<schema>} on a command line.
 */
public record Database(String kind, String location) {
  public static final String PG_URL = env("CICD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String PG_USER = env("CICD_TEST_PG_USER", "postgres");
  public static final String PG_PASSWORD = env("CICD_TEST_PG_PASSWORD", "");
  private static final Pattern SCHEMA = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  public Database {
    if (!kind.equals("h2") && !kind.equals("pg")) {
      throw new IllegalArgumentException("database kind must be h2 or pg, but was '" + kind + "'");
    }
    if (kind.equals("pg") && !SCHEMA.matcher(location).matches()) {
      throw new IllegalArgumentException("schema must match " + SCHEMA + ", but was '" + location + "'");
    }
  }

  public static Database parse(String spec) {
    int colon = spec.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("database must be h2:<directory> or pg:<schema>, but was '" + spec + "'");
    }
    return new Database(spec.substring(0, colon), spec.substring(colon + 1));
  }

  public static Database h2(Path directory) {
    return new Database("h2", directory.toAbsolutePath().toString());
  }

  /** A new, not yet created, PostgreSQL schema with a random name. */
  public static Database newPostgresSchema(String prefix) {
    return new Database("pg", prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
        .toLowerCase(Locale.ROOT));
  }

  public boolean isPostgres() {
    return kind.equals("pg");
  }

  /** JDBC URL of the database through {@code host:port} (a proxy, say) instead of the configured one. */
  public String jdbcUrl(String hostAndPort) {
    if (!isPostgres()) {
      return JpaStoreConfig.h2Url(Path.of(location));
    }
    String url = PG_URL.replaceFirst("//[^/]+/", "//" + hostAndPort + "/");
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + location;
  }

  public String jdbcUrl() {
    return isPostgres() ? jdbcUrl(PG_URL.replaceFirst("^.*//([^/]+)/.*$", "$1")) : jdbcUrl("");
  }

  public String user() {
    return isPostgres() ? PG_USER : "sa";
  }

  public String password() {
    return isPostgres() ? PG_PASSWORD : "";
  }

  /** Creates the PostgreSQL schema, or the H2 directory, if missing. */
  public void create() throws SQLException, java.io.IOException {
    if (!isPostgres()) {
      java.nio.file.Files.createDirectories(Path.of(location));
    } else {
      try (Connection c = adminConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + location);
      }
    }
  }

  /** Drops the PostgreSQL schema with everything in it. */
  public void drop() throws SQLException {
    if (isPostgres()) {
      try (Connection c = adminConnection(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + location + " CASCADE");
      }
    }
  }

  /** Rows of {@code table} (a fixed name, not user input); for H2 only while no server holds the file. */
  public long count(String table) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl(), user(), password());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The first column of every row of {@code sql} (a fixed query, not user input), as text. */
  public java.util.Set<String> strings(String sql) throws SQLException {
    java.util.Set<String> values = new java.util.HashSet<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl(), user(), password());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  /** A HikariCP pool on this database. */
  public HikariDataSource pool(String jdbcUrl, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user());
    config.setPassword(password());
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(5_000);
    return new HikariDataSource(config);
  }

  /**
   * PostgreSQL's current WAL write position in bytes ({@code pg_current_wal_lsn()}): the difference of two readings
   * is the WAL the whole server wrote in between (every database and schema, so measure with nothing else running).
   */
  public static long walPosition() throws SQLException {
    try (Connection c = adminConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Whether PostgreSQL answers; the reason it does not otherwise. */
  public static String postgresProblem() {
    try (Connection c = adminConnection()) {
      return c.isValid(3) ? "" : "connection not valid";
    } catch (SQLException e) {
      return e.getMessage() == null ? e.toString() : e.getMessage();
    }
  }

  public static Connection adminConnection() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", PG_USER);
    props.setProperty("password", PG_PASSWORD);
    props.setProperty("connectTimeout", "3");
    return DriverManager.getConnection(PG_URL, props);
  }

  @Override
  public String toString() {
    return kind + ":" + location;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
