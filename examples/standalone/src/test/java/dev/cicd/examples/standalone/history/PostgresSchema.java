package dev.cicd.examples.standalone.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh schema in the test PostgreSQL ({@code CICD_TEST_PG_URL}, default the local {@code test} database), dropped
 * on close. Without a server the test is skipped with the reason, unless {@code CICD_REQUIRE_POSTGRES=true}.
 */
final class PostgresSchema implements AutoCloseable {
  static final String URL = env("CICD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = env("CICD_TEST_PG_USER", "postgres");
  static final String PASSWORD = env("CICD_TEST_PG_PASSWORD", "");

  final String name = "cicd_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
      .toLowerCase(Locale.ROOT);

  PostgresSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    } catch (SQLException e) {
      Assumptions.assumeTrue(Boolean.parseBoolean(env("CICD_REQUIRE_POSTGRES", "false")),
          () -> "PostgreSQL does not answer at " + URL + " (" + e.getMessage() + "); set CICD_TEST_PG_URL, or"
              + " CICD_REQUIRE_POSTGRES=true to fail instead of skipping");
      throw e;
    }
  }

  /** What runs in an app: it is given its database settings by {@link #run}. */
  interface Check {
    void run() throws Exception;
  }

  /**
   * Runs {@code check} on {@code database}: {@code h2} as {@code env} has it, {@code postgresql} in a fresh schema
   * ({@code CICD_DB_URL}, {@code CICD_DB_USER}, {@code CICD_DB_PASSWORD} put into {@code env}) dropped afterwards.
   */
  static void run(String database, Map<String, String> env, Check check) throws Exception {
    if (!database.equals("postgresql")) {
      check.run();
      return;
    }
    try (PostgresSchema schema = new PostgresSchema()) {
      env.putAll(Map.of("CICD_DB_URL", schema.url(), "CICD_DB_USER", USER));
      if (!PASSWORD.isEmpty()) {
        env.put("CICD_DB_PASSWORD", PASSWORD);
      }
      check.run();
    }
  }

  /** The JDBC URL whose connections work in this schema. */
  String url() {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
  }

  private static String env(String name, String fallback) {
    return Objects.requireNonNullElse(System.getenv(name), fallback);
  }
}
