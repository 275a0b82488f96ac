package dev.cicd.store.jpa.alert;

import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.AlertTransition;
import dev.cicd.core.alert.AlertUpdate;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.core.alert.Silence;
import dev.cicd.store.jpa.JpaBuildStore;
import dev.cicd.store.jpa.JpaStoreConfig;
import dev.cicd.store.jpa.alert.internal.AlertDb;
import dev.cicd.store.jpa.alert.internal.Commits;
import dev.cicd.store.jpa.alert.internal.ConfigTables;
import dev.cicd.store.jpa.alert.internal.InstanceTable;
import dev.cicd.store.jpa.alert.internal.OutboxClaims;
import dev.cicd.store.jpa.alert.internal.OutboxTable;
import dev.cicd.store.jpa.alert.internal.SchemaCheck;
import dev.cicd.store.jpa.alert.internal.SilenceTables;
import dev.cicd.store.jpa.alert.internal.TransitionTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AlertStore} in the build store's database (H2 or PostgreSQL), through plain JDBC on a
 * {@link DataSource}. The tables ({@code <prefix>alert_*}) come from the Flyway migration
 * {@code V2__alerts.sql} that {@link JpaBuildStore} applies when it opens; this store never changes the
 * schema, and fails at creation, naming the missing table, when it is absent.
 *
 * <p>Every commit writes the instance, its transitions, its outbox rows and cancellations in one
 * transaction. Several processes may share one database: commits use an optimistic version, and
 * {@link #claimDue} leases rows with {@code FOR UPDATE SKIP LOCKED} on PostgreSQL and with a
 * conditional update per row on H2. Text is stored as given, except NUL characters (and unpaired
 * surrogates, which become U+FFFD), as {@link dev.cicd.core.build.ProviderText} does for provider
 * text. Failures surface as {@link dev.cicd.core.alert.AlertStoreException}. Thread-safe; it owns no
 * resources (the data source belongs to the caller or to the build store), so there is nothing to close.
 */
public final class JpaAlertStore implements AlertStore {
  /** The build store's default table prefix. */
  public static final String DEFAULT_TABLE_PREFIX = JpaStoreConfig.DEFAULT_TABLE_PREFIX;

  private static final Logger LOG = LoggerFactory.getLogger(JpaAlertStore.class);
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,19}|");

  private final AlertDb db;
  private final ConfigTables config;
  private final InstanceTable instances;
  private final TransitionTable transitions;
  private final OutboxTable outbox;
  private final OutboxClaims claims;
  private final Commits commits;
  private final SilenceTables silences;

  private JpaAlertStore(AlertDb db) {
    this.db = db;
    this.config = new ConfigTables(db);
    this.instances = new InstanceTable(db);
    this.transitions = new TransitionTable(db);
    this.outbox = new OutboxTable(db);
    this.claims = new OutboxClaims(db, outbox);
    this.commits = new Commits(db, instances, transitions, outbox);
    this.silences = new SilenceTables(db);
  }

  /** On the database of {@code buildStore} (its data source), which uses the default table prefix. */
  public static JpaAlertStore sharing(JpaBuildStore buildStore) {
    return sharing(buildStore, DEFAULT_TABLE_PREFIX);
  }

  /**
   * On the database of {@code buildStore}; {@code tablePrefix} must be the one of its
   * {@link JpaStoreConfig#tablePrefix()}. This store borrows the build store's connections, so it stops
   * working when the build store is closed.
   */
  public static JpaAlertStore sharing(JpaBuildStore buildStore, String tablePrefix) {
    Objects.requireNonNull(buildStore, "buildStore");
    return create(buildStore.dataSource(), tablePrefix);
  }

  /** On {@code dataSource}, with the default table prefix. */
  public static JpaAlertStore create(DataSource dataSource) {
    return create(dataSource, DEFAULT_TABLE_PREFIX);
  }

  /**
   * On {@code dataSource}, whose schema a {@link JpaBuildStore} with the same table prefix has migrated.
   *
   * @throws IllegalArgumentException when the prefix is not lower-case letters, digits and '_' (at most 20)
   * @throws dev.cicd.core.alert.AlertStoreException when the database cannot be reached or lacks the tables
   */
  public static JpaAlertStore create(DataSource dataSource, String tablePrefix) {
    Objects.requireNonNull(dataSource, "dataSource");
    if (tablePrefix == null || !PREFIX.matcher(tablePrefix).matches()) {
      throw new IllegalArgumentException("tablePrefix must match " + PREFIX + ", but was '" + tablePrefix + "'");
    }
    AlertDb db = AlertDb.connect(dataSource, tablePrefix);
    SchemaCheck.requireTables(db);
    JpaAlertStore store = new JpaAlertStore(db);
    LOG.info("Alert store opened: {}", store);
    return store;
  }

  @Override
  public Optional<AlertConfig> loadConfig() {
    return config.load();
  }

  @Override
  public void saveConfig(AlertConfig newConfig) {
    config.save(Objects.requireNonNull(newConfig, "config"));
  }

  @Override
  public Optional<AlertInstance> findInstance(String fingerprint) {
    return instances.find(Objects.requireNonNull(fingerprint, "fingerprint"));
  }

  @Override
  public List<AlertInstance> instances(Set<AlertState> states) {
    return instances.inStates(Objects.requireNonNull(states, "states"));
  }

  @Override
  public AlertInstance commit(AlertUpdate update) {
    return commits.commit(Objects.requireNonNull(update, "update"));
  }

  @Override
  public List<AlertTransition> transitions(@Nullable String fingerprint, int limit) {
    return transitions.newest(fingerprint, limit);
  }

  @Override
  public Optional<OutboxEntry> findOutbox(String key) {
    return outbox.find(Objects.requireNonNull(key, "key"));
  }

  @Override
  public List<OutboxEntry> outbox(@Nullable OutboxStatus status, int limit) {
    return outbox.newest(status, limit);
  }

  @Override
  public Map<OutboxStatus, Long> outboxCounts() {
    return outbox.counts();
  }

  @Override
  public Optional<Instant> groupRelease(String groupKey) {
    return outbox.groupRelease(Objects.requireNonNull(groupKey, "groupKey"));
  }

  @Override
  public List<OutboxEntry> claimDue(@Nullable String channelId, Instant now, int limit, String leaseOwner,
      Duration leaseDuration) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(leaseOwner, "leaseOwner");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    return claims.claimDue(channelId, now, limit, leaseOwner, now.plus(leaseDuration));
  }

  @Override
  public boolean complete(String key, String leaseOwner, OutboxStatus status, Instant at, @Nullable String detail,
      boolean attempted) {
    if (!status.isFinal()) {
      throw new IllegalArgumentException("status must be final, but was " + status);
    }
    return outbox.complete(Objects.requireNonNull(key, "key"), Objects.requireNonNull(leaseOwner, "leaseOwner"),
        status, Objects.requireNonNull(at, "at"), detail, attempted);
  }

  @Override
  public boolean reschedule(String key, String leaseOwner, Instant at, Instant nextAttemptAt, @Nullable String error,
      boolean attempted) {
    return outbox.reschedule(Objects.requireNonNull(key, "key"), Objects.requireNonNull(leaseOwner, "leaseOwner"),
        Objects.requireNonNull(at, "at"), Objects.requireNonNull(nextAttemptAt, "nextAttemptAt"), error, attempted);
  }

  @Override
  public void saveSilence(Silence silence) {
    silences.save(Objects.requireNonNull(silence, "silence"));
  }

  @Override
  public Optional<Silence> findSilence(String id) {
    return silences.find(Objects.requireNonNull(id, "id"));
  }

  @Override
  public List<Silence> silences() {
    return silences.all();
  }

  @Override
  public String toString() {
    return "JpaAlertStore[" + db.dialect() + ", prefix='" + db.prefix() + "']";
  }
}
