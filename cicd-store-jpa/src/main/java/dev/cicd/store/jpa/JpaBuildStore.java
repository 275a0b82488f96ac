package dev.cicd.store.jpa;

import com.zaxxer.hikari.HikariDataSource;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BatchPlan;
import dev.cicd.core.store.BatchRead;
import dev.cicd.core.store.InboxEntry;
import dev.cicd.core.store.Page;
import dev.cicd.store.jpa.internal.Autovacuum;
import dev.cicd.store.jpa.internal.BatchWriter;
import dev.cicd.store.jpa.internal.BuildReader;
import dev.cicd.store.jpa.internal.BuildWriter;
import dev.cicd.store.jpa.internal.DayStamps;
import dev.cicd.store.jpa.internal.DeliveryLog;
import dev.cicd.store.jpa.internal.DeploymentLog;
import dev.cicd.store.jpa.internal.H2Compaction;
import dev.cicd.store.jpa.internal.Inbox;
import dev.cicd.store.jpa.internal.Jpa;
import dev.cicd.store.jpa.internal.Retention;
import dev.cicd.store.jpa.internal.Sequences;
import dev.cicd.store.jpa.internal.StoreDatabase;
import dev.cicd.store.jpa.internal.Terms;
import dev.cicd.store.jpa.internal.metrics.DayCache;
import dev.cicd.store.jpa.internal.metrics.SummaryQuery;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BuildStore} on Jakarta Persistence (Hibernate 7) over H2 or PostgreSQL. Opening it migrates
 * the schema with the Flyway scripts in this jar ({@code db/migration}); Hibernate only validates it.
 * Several instances may share one PostgreSQL database. Thread-safe; close it to release the pool.
 */
public final class JpaBuildStore implements BuildStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JpaBuildStore.class);

  private final StoreDatabase db;
  private final EntityManagerFactory factory;
  private final @Nullable HikariDataSource ownedPool;
  private final BuildWriter writer;
  private final BuildReader reader;
  private final BatchWriter batches;
  private final DeploymentLog deployments;
  private final DeliveryLog deliveries;
  private final Inbox inbox;
  private final Retention retention;
  private final SummaryQuery summaries;
  private final JpaLeases leases;
  private final JpaSettings settings;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JpaBuildStore(StoreDatabase db, EntityManagerFactory factory, @Nullable HikariDataSource ownedPool,
      JpaStoreConfig config) {
    this.db = db;
    this.factory = factory;
    this.ownedPool = ownedPool;
    Jpa jpa = new Jpa(factory);
    Terms terms = new Terms(db);
    DayStamps days = new DayStamps(db, config.clock());
    this.writer = new BuildWriter(jpa, terms, new Sequences(db), days);
    this.batches = new BatchWriter(jpa, writer, days, db);
    this.reader = new BuildReader(jpa, terms, db);
    this.deployments = new DeploymentLog(jpa);
    this.deliveries = new DeliveryLog(jpa);
    this.inbox = new Inbox(db);
    this.retention = new Retention(db);
    this.summaries = new SummaryQuery(db, terms, new DayCache(config.summaryCacheRows()), config.clock());
    this.leases = new JpaLeases(jpa, config.clock());
    this.settings = new JpaSettings(jpa, config.clock());
  }

  /** The embedded default: an H2 database in {@code directory}, created and migrated if needed. */
  public static JpaBuildStore h2(Path directory) {
    return create(JpaStoreConfig.builder().h2(directory).build());
  }

  /** PostgreSQL through a data source the caller owns (and closes after this store). */
  public static JpaBuildStore postgres(DataSource dataSource) {
    return create(JpaStoreConfig.builder().dataSource(dataSource).build());
  }

  /** PostgreSQL at a JDBC URL, pooled by HikariCP; the store owns and closes the pool. */
  public static JpaBuildStore postgres(String jdbcUrl, @Nullable String username, @Nullable String password) {
    return create(JpaStoreConfig.builder().jdbcUrl(jdbcUrl).username(username).password(password).build());
  }

  /**
   * Opens a store as configured: connects, migrates (or validates) the schema and starts Hibernate.
   *
   * @throws dev.cicd.core.store.BuildStoreException when the database cannot be reached or migrated
   */
  public static JpaBuildStore create(JpaStoreConfig config) {
    StoreOpening.Opened opened = StoreOpening.open(Objects.requireNonNull(config, "config"));
    try {
      JpaBuildStore store = new JpaBuildStore(opened.db(), opened.factory(), opened.pool(), config);
      LOG.info("Build store opened: {} ({})", opened.db().kind(), config);
      return store;
    } catch (RuntimeException e) {
      opened.closeQuietly();
      throw e;
    }
  }

  @Override
  public Optional<Build> find(BuildId id) {
    return reader.find(id);
  }

  @Override
  public Build save(Build build, long expectedVersion) {
    return writer.save(build, expectedVersion);
  }

  /**
   * On embedded H2: {@code h2FileBytes} and {@code h2LivePercent}, the file's size and the share of its chunks
   * holding live data. The file grows with every commit until the next start compacts it
   * ({@link JpaStoreConfig.Builder#compactH2OnOpen}); these tell an operator when a restart would give space back.
   * On PostgreSQL: {@code autovacuum}, whether the server's autovacuum runs ({@link Autovacuum}).
   */
  @Override
  public Map<String, Object> healthDetails() {
    if (db.kind() == StoreDatabase.Kind.POSTGRESQL) {
      return Map.of("autovacuum", db.withConnection(() -> "Failed to read the autovacuum setting",
          Autovacuum::enabled));
    }
    return db.withConnection(() -> "Failed to read H2's file figures", H2Compaction::fileFigures);
  }

  @Override
  public boolean writesBatches() {
    return true;
  }

  /**
   * Two on PostgreSQL (one batch is written while the other waits on the server); one on H2, which stores
   * its commits one after the other in this process: two lanes there cost CPU and throughput (805 → 531
   * deliveries/s in the ingest benchmark).
   */
  @Override
  public int concurrentBatches() {
    return db.kind() == StoreDatabase.Kind.POSTGRESQL ? 2 : 1;
  }

  @Override
  public List<Build> writeBatch(Collection<DeliveryKey> deliveries, Collection<BuildId> ids,
      Function<BatchRead, BatchPlan> plan, Instant receivedAt) {
    return batches.write(deliveries, ids, plan, receivedAt);
  }

  @Override
  public Page<Build> list(BuildQuery query) {
    return reader.list(query);
  }

  @Override
  public BuildSummary summarize(MetricsQuery query) {
    return summaries.summarize(query);
  }

  @Override
  public long count() {
    return retention.count();
  }

  @Override
  public boolean saveDeploymentStatus(DeploymentStatus status) {
    return deployments.save(status);
  }

  @Override
  public List<DeploymentStatus> deploymentStatuses(@Nullable String repository) {
    return deployments.list(repository);
  }

  @Override
  public boolean recordDelivery(DeliveryKey key, Instant receivedAt) {
    return deliveries.record(key, receivedAt, DeliveryLog.APPLIED);
  }

  /**
   * Records a delivery with an outcome of the caller's choosing (for example "ignored" or "rejected").
   *
   * @return true if recorded now, false if the delivery was recorded before (left unchanged)
   */
  public boolean recordDelivery(DeliveryKey key, Instant receivedAt, String outcome) {
    if (outcome == null || outcome.isBlank() || outcome.length() > 32) {
      throw new IllegalArgumentException("outcome must be 1 to 32 characters, but was '" + outcome + "'");
    }
    return deliveries.record(key, receivedAt, outcome);
  }

  @Override
  public boolean hasDelivery(DeliveryKey key) {
    return deliveries.contains(key);
  }

  /** Table {@code inbox} (schema version 4), written with plain JDBC; see {@link Inbox}. */
  @Override
  public boolean keepsInbox() {
    return true;
  }

  @Override
  public Set<DeliveryKey> appendInbox(List<InboxEntry> entries) {
    return inbox.append(entries);
  }

  @Override
  public List<InboxEntry> readInbox(long afterId, int max) {
    return inbox.read(afterId, max);
  }

  @Override
  public void removeFromInbox(Collection<DeliveryKey> keys) {
    inbox.remove(keys);
  }

  @Override
  public long inboxSize() {
    return inbox.size();
  }

  @Override
  public int deleteCompletedBefore(Instant cutoff, int maxBuilds) {
    return retention.deleteCompletedBefore(Objects.requireNonNull(cutoff, "cutoff"), maxBuilds);
  }

  /** Named leases in this database, so that one of several instances does a job at a time. */
  public JpaLeases leases() {
    return leases;
  }

  /** Small named settings stored in this database. */
  public JpaSettings settings() {
    return settings;
  }

  /** The data source the store works on (shared with its Hibernate session factory). */
  public DataSource dataSource() {
    return db.dataSource();
  }

  /** Closes Hibernate and, when the store created it, the connection pool. Idempotent. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      summaries.close();
      factory.close();
    } finally {
      if (ownedPool != null) {
        ownedPool.close();
      }
    }
    LOG.info("Build store closed");
  }

  @Override
  public String toString() {
    return "JpaBuildStore[" + db.kind() + ", prefix='" + db.prefix() + "']";
  }
}
