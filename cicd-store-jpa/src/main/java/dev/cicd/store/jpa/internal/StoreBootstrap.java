package dev.cicd.store.jpa.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cicd.core.store.BuildStoreException;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnitTransactionType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the database: the pool (when owned), Flyway migrations, then Hibernate with schema validation. */
public final class StoreBootstrap {
  /** Where the migrations live in the jar. */
  public static final String MIGRATIONS = "classpath:db/migration";

  private static final Logger LOG = LoggerFactory.getLogger(StoreBootstrap.class);
  private static final List<Class<?>> ENTITIES = List.of(BuildEntity.class, AttemptEntity.class, JobEntity.class,
      DeploymentStatusEntity.class, DeliveryEntity.class, LeaseEntity.class, SettingEntity.class,
      TermEntity.class);

  private StoreBootstrap() {}

  /** A pool for an H2 directory. */
  public static HikariDataSource h2Pool(Path directory, int poolSize, Duration connectionTimeout) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new BuildStoreException("Failed to create the H2 directory " + directory, e);
    }
    return pool(dev.cicd.store.jpa.JpaStoreConfig.h2Url(directory), "sa", "", poolSize, connectionTimeout);
  }

  /** A HikariCP pool; a database that does not answer within {@code connectionTimeout} fails fast. */
  public static HikariDataSource pool(String url, @Nullable String user, @Nullable String password, int poolSize,
      Duration connectionTimeout) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("cicd-store");
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(Math.min(2, poolSize));
    config.setConnectionTimeout(connectionTimeout.toMillis());
    config.setValidationTimeout(Math.min(connectionTimeout.toMillis(), 5_000));
    config.setInitializationFailTimeout(connectionTimeout.toMillis());
    if (url.startsWith("jdbc:postgresql:")) {
      long seconds = Math.max(1, connectionTimeout.toSeconds());
      config.addDataSourceProperty("connectTimeout", String.valueOf(seconds));
      config.addDataSourceProperty("loginTimeout", String.valueOf(seconds));
      config.addDataSourceProperty("tcpKeepAlive", "true");
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new BuildStoreException("Failed to connect to the build store database at " + url + ": "
          + e.getMessage(), e);
    }
  }

  /** Migrates (or only validates) the schema with Flyway. */
  public static void migrate(DataSource dataSource, String prefix, boolean migrate) {
    Flyway flyway = Flyway.configure(StoreBootstrap.class.getClassLoader())
        .dataSource(dataSource)
        .locations(MIGRATIONS)
        .table(prefix + "schema_history")
        .placeholders(Map.of("prefix", prefix))
        // A schema that already holds the host application's own tables (an embedded store on the
        // application's DataSource) has no history table of ours yet: mark it at version 0, so that
        // every migration of the store still runs. An empty schema is migrated as before.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
    try {
      if (migrate) {
        var result = flyway.migrate();
        LOG.info("Build store schema at version {} ({} migrations applied now)", result.targetSchemaVersion,
            result.migrationsExecuted);
      } else {
        flyway.validate();
      }
    } catch (RuntimeException e) {
      throw new BuildStoreException("Failed to " + (migrate ? "migrate" : "validate")
          + " the build store schema: " + e.getMessage(), e);
    }
  }

  /** Hibernate on {@code dataSource}, validating (never changing) the migrated schema. */
  public static EntityManagerFactory entityManagerFactory(DataSource dataSource, String prefix) {
    HibernatePersistenceConfiguration config = new HibernatePersistenceConfiguration("cicd-store")
        .managedClasses(ENTITIES)
        .transactionType(PersistenceUnitTransactionType.RESOURCE_LOCAL)
        .property("jakarta.persistence.nonJtaDataSource", dataSource)
        .property("hibernate.physical_naming_strategy", new PrefixNamingStrategy(prefix))
        .property("hibernate.hbm2ddl.auto", "validate")
        .property("hibernate.default_batch_fetch_size", 64)
        .property("hibernate.jdbc.batch_size", 50)
        .property("hibernate.order_inserts", true)
        .property("hibernate.order_updates", true);
    try {
      return config.createEntityManagerFactory();
    } catch (RuntimeException e) {
      throw new BuildStoreException("Failed to start Hibernate on the build store schema: " + e.getMessage(), e);
    }
  }
}
