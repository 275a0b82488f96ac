package dev.cicd.store.jpa;

import com.zaxxer.hikari.HikariDataSource;
import dev.cicd.store.jpa.internal.Autovacuum;
import dev.cicd.store.jpa.internal.Failures;
import dev.cicd.store.jpa.internal.H2Compaction;
import dev.cicd.store.jpa.internal.H2Leftovers;
import dev.cicd.store.jpa.internal.StoreBootstrap;
import dev.cicd.store.jpa.internal.StoreDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What {@link JpaBuildStore#create} does before the store exists: compacts a sparse H2 file if asked, pools the
 * connections (unless the caller brought a data source), finishes what a killed H2 left committed (on PostgreSQL:
 * warns when autovacuum is off, {@link Autovacuum}), migrates the
 * schema and starts Hibernate. On failure the pool it made is closed again.
 */
final class StoreOpening {
  /** An open database: {@code pool} is the one this opening made and the store owns, else null. */
  record Opened(StoreDatabase db, EntityManagerFactory factory, @Nullable HikariDataSource pool) {
    void closeQuietly() {
      factory.close();
      if (pool != null) {
        pool.close();
      }
    }
  }

  private StoreOpening() {}

  static Opened open(JpaStoreConfig config) {
    if (config.compactH2OnOpen()) {
      compactH2(config);
    }
    HikariDataSource pool = null;
    DataSource dataSource;
    if (config.h2Directory() != null) {
      pool = StoreBootstrap.h2Pool(config.h2Directory(), config.maximumPoolSize(), config.connectionTimeout());
      dataSource = pool;
    } else if (config.jdbcUrl() != null) {
      pool = StoreBootstrap.pool(config.jdbcUrl(), config.username(), config.password(), config.maximumPoolSize(),
          config.connectionTimeout());
      dataSource = pool;
    } else {
      dataSource = Objects.requireNonNull(config.dataSource());
    }
    try {
      StoreDatabase.Kind kind = StoreDatabase.detect(dataSource);
      if (kind == StoreDatabase.Kind.H2) {
        H2Leftovers.finishCommitted(dataSource);
      } else {
        warnIfAutovacuumOff(dataSource);
      }
      StoreBootstrap.migrate(dataSource, config.tablePrefix(), config.migrate());
      EntityManagerFactory factory = StoreBootstrap.entityManagerFactory(dataSource, config.tablePrefix());
      return new Opened(new StoreDatabase(dataSource, kind, config.tablePrefix()), factory, pool);
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      throw e;
    }
  }

  private static void warnIfAutovacuumOff(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      Autovacuum.warnIfOff(c);
    } catch (SQLException e) {
      throw Failures.storeFailure("Failed to read PostgreSQL's autovacuum setting: " + e.getMessage(), e);
    }
  }

  /** Compacts the embedded H2 file the store is about to pool, if it is mostly dead space ({@link H2Compaction}). */
  private static void compactH2(JpaStoreConfig config) {
    Path directory = config.h2Directory();
    if (directory != null) {
      H2Compaction.compactIfSparse(JpaStoreConfig.h2Url(directory), JpaStoreConfig.h2File(directory));
    } else if (config.jdbcUrl() != null) {
      String url = config.jdbcUrl();
      H2Compaction.embeddedFile(url).ifPresent(file ->
          H2Compaction.compactIfSparse(url, file, config.username(), config.password()));
    }
  }
}
