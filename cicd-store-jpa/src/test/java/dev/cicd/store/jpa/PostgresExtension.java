package dev.cicd.store.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real PostgreSQL for tests. Reads {@code CICD_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code CICD_TEST_PG_USER} (default postgres) and
 * {@code CICD_TEST_PG_PASSWORD}. Each test gets its own schema with a random name, dropped after the
 * test together with every store and pool registered here. When no PostgreSQL answers, the tests are
 * skipped with the reason, unless {@code CICD_REQUIRE_POSTGRES=true}, which makes them fail instead.
 *
 * <p>Register with {@code @RegisterExtension static final PostgresExtension PG = new PostgresExtension();}.
 */
public final class PostgresExtension implements ExecutionCondition, BeforeEachCallback, AfterEachCallback {
  public static final String URL = env("CICD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String USER = env("CICD_TEST_PG_USER", "postgres");
  public static final String PASSWORD = env("CICD_TEST_PG_PASSWORD", "");
  public static final boolean REQUIRED = Boolean.parseBoolean(env("CICD_REQUIRE_POSTGRES", "false"));

  private static volatile String unreachable;
  private static volatile boolean probed;

  private final List<AutoCloseable> resources = new ArrayList<>();
  private String schema;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String problem = probe();
    if (problem == null) {
      return ConditionEvaluationResult.enabled("PostgreSQL answers at " + URL);
    }
    if (REQUIRED) {
      return ConditionEvaluationResult.enabled("CICD_REQUIRE_POSTGRES=true: the test will fail");
    }
    return ConditionEvaluationResult.disabled("PostgreSQL does not answer at " + URL + " (" + problem
        + "); set CICD_TEST_PG_URL, or CICD_REQUIRE_POSTGRES=true to fail instead of skipping");
  }

  @Override
  public void beforeEach(ExtensionContext context) throws SQLException {
    String problem = probe();
    if (problem != null) {
      throw new IllegalStateException("CICD_REQUIRE_POSTGRES=true but PostgreSQL does not answer at " + URL + ": "
          + problem);
    }
    schema = "cicd_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    Exception failure = null;
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        failure = e;
      }
    }
    resources.clear();
    if (schema != null) {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
      schema = null;
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The current test's schema. */
  public String schema() {
    return schema;
  }

  /** A JDBC URL whose connections work in the current test's schema. */
  public String url() {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** A pool on the test schema, closed after the test. */
  public HikariDataSource dataSource(int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url());
    config.setUsername(USER);
    config.setPassword(PASSWORD);
    config.setMaximumPoolSize(poolSize);
    return register(new HikariDataSource(config));
  }

  /** A store on the test schema (its own pool), closed after the test. */
  public JpaBuildStore newStore() {
    return register(JpaBuildStore.create(JpaStoreConfig.builder().jdbcUrl(url()).username(USER).password(PASSWORD)
        .maximumPoolSize(8).build()));
  }

  /** Closes {@code resource} after the test, before the schema is dropped. */
  public <T extends AutoCloseable> T register(T resource) {
    resources.add(resource);
    return resource;
  }

  public static Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("password", PASSWORD);
    props.setProperty("connectTimeout", "3");
    return DriverManager.getConnection(URL, props);
  }

  private static String probe() {
    if (!probed) {
      synchronized (PostgresExtension.class) {
        if (!probed) {
          try (Connection c = connect()) {
            unreachable = c.isValid(3) ? null : "connection not valid";
          } catch (SQLException e) {
            unreachable = e.getMessage();
          }
          probed = true;
        }
      }
    }
    return unreachable;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
