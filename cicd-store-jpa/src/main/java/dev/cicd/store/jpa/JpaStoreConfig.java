package dev.cicd.store.jpa;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of a {@link JpaBuildStore}. Exactly one database: an H2 directory, a
 * {@link DataSource} (owned by the caller) or a JDBC URL with credentials (pooled by HikariCP, owned by
 * the store). Immutable; {@link #toString()} masks the password.
 */
public final class JpaStoreConfig {
  public static final String DEFAULT_TABLE_PREFIX = "cicd_";
  public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
  /** About 60 bytes each: the default keeps about 30 MB of settled days for summaries. */
  public static final int DEFAULT_SUMMARY_CACHE_ROWS = 500_000;
  /** H2 file name inside the directory given to {@link Builder#h2(Path)}. */
  public static final String H2_FILE_NAME = "cicd";

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,19}|");

  private final @Nullable Path h2Directory;
  private final @Nullable DataSource dataSource;
  private final @Nullable String jdbcUrl;
  private final @Nullable String username;
  private final @Nullable String password;
  private final String tablePrefix;
  private final int maximumPoolSize;
  private final Duration connectionTimeout;
  private final boolean migrate;
  private final Clock clock;
  private final int summaryCacheRows;
  private final boolean compactH2OnOpen;

  private JpaStoreConfig(Builder b) {
    this.h2Directory = b.h2Directory;
    this.dataSource = b.dataSource;
    this.jdbcUrl = b.jdbcUrl;
    this.username = b.username;
    this.password = b.password;
    this.tablePrefix = b.tablePrefix;
    this.maximumPoolSize = b.maximumPoolSize;
    this.connectionTimeout = b.connectionTimeout;
    this.migrate = b.migrate;
    this.clock = b.clock;
    this.summaryCacheRows = b.summaryCacheRows;
    this.compactH2OnOpen = b.compactH2OnOpen;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.h2Directory = h2Directory;
    b.dataSource = dataSource;
    b.jdbcUrl = jdbcUrl;
    b.username = username;
    b.password = password;
    b.tablePrefix = tablePrefix;
    b.maximumPoolSize = maximumPoolSize;
    b.connectionTimeout = connectionTimeout;
    b.migrate = migrate;
    b.clock = clock;
    b.summaryCacheRows = summaryCacheRows;
    b.compactH2OnOpen = compactH2OnOpen;
    return b;
  }

  public @Nullable Path h2Directory() { return h2Directory; }
  public @Nullable DataSource dataSource() { return dataSource; }
  public @Nullable String jdbcUrl() { return jdbcUrl; }
  public @Nullable String username() { return username; }
  public @Nullable String password() { return password; }
  public String tablePrefix() { return tablePrefix; }
  public int maximumPoolSize() { return maximumPoolSize; }
  public Duration connectionTimeout() { return connectionTimeout; }
  public boolean migrate() { return migrate; }
  public Clock clock() { return clock; }
  public int summaryCacheRows() { return summaryCacheRows; }
  public boolean compactH2OnOpen() { return compactH2OnOpen; }

  /**
   * The JDBC URL of the embedded H2 database in {@code directory}: {@code WRITE_DELAY=0} so that every
   * commit reaches the file before it returns (a committed delivery survives a process kill), and
   * {@code REUSE_SPACE=FALSE} because with reuse, after a few kills and restarts, H2 2.5 recovered to an older
   * state and lost whole runs of acknowledged commits (the kill test failed in 7 of 8 runs; 0 of 3 without
   * reuse). The file then grows with every commit while the database is open, and closing it gives nothing back:
   * the store compacts it when it opens it ({@link Builder#compactH2OnOpen}).
   */
  public static String h2Url(Path directory) {
    return "jdbc:h2:file:" + directory.toAbsolutePath().resolve(H2_FILE_NAME)
        + ";WRITE_DELAY=0;REUSE_SPACE=FALSE;QUERY_CACHE_SIZE=64";
  }

  /** The file of the embedded H2 database in {@code directory} ({@link #h2Url}). */
  public static Path h2File(Path directory) {
    return directory.toAbsolutePath().resolve(H2_FILE_NAME + ".mv.db");
  }

  @Override
  public String toString() {
    String target = h2Directory != null ? "h2=" + h2Directory
        : dataSource != null ? "dataSource=" + dataSource.getClass().getName()
        : "jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=" + (password == null ? "null" : "****");
    return "JpaStoreConfig[" + target + ", tablePrefix='" + tablePrefix + "', maximumPoolSize=" + maximumPoolSize
        + ", connectionTimeout=" + connectionTimeout + ", migrate=" + migrate + ", summaryCacheRows="
        + summaryCacheRows + ", compactH2OnOpen=" + compactH2OnOpen + "]";
  }

  /** Builder; {@link #build()} checks that exactly one database is configured. */
  public static final class Builder {
    private @Nullable Path h2Directory;
    private @Nullable DataSource dataSource;
    private @Nullable String jdbcUrl;
    private @Nullable String username;
    private @Nullable String password;
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private int maximumPoolSize = DEFAULT_MAXIMUM_POOL_SIZE;
    private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
    private boolean migrate = true;
    private Clock clock = Clock.systemUTC();
    private int summaryCacheRows = DEFAULT_SUMMARY_CACHE_ROWS;
    private boolean compactH2OnOpen = true;

    private Builder() {}

    /** An embedded H2 database in {@code directory} (created if missing). */
    public Builder h2(Path directory) {
      this.h2Directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** A data source the caller owns and closes; the store only borrows connections. */
    public Builder dataSource(DataSource value) {
      this.dataSource = Objects.requireNonNull(value, "dataSource");
      return this;
    }

    /** A JDBC URL (PostgreSQL or H2) that the store pools with HikariCP. */
    public Builder jdbcUrl(String url) {
      this.jdbcUrl = Objects.requireNonNull(url, "jdbcUrl");
      return this;
    }

    public Builder username(@Nullable String value) {
      this.username = value;
      return this;
    }

    public Builder password(@Nullable String value) {
      this.password = value;
      return this;
    }

    /** Prefix of every table and sequence: lower-case letters, digits and '_', at most 20; "" for none. */
    public Builder tablePrefix(String value) {
      if (value == null || !PREFIX.matcher(value).matches()) {
        throw new IllegalArgumentException("tablePrefix must match " + PREFIX + ", but was '" + value + "'");
      }
      this.tablePrefix = value;
      return this;
    }

    /** Pool size when the store owns the pool (H2 or JDBC URL). */
    public Builder maximumPoolSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maximumPoolSize must be positive, but was " + value);
      }
      this.maximumPoolSize = value;
      return this;
    }

    /** How long a caller waits for a pooled connection before a BuildStoreException (database down). */
    public Builder connectionTimeout(Duration value) {
      if (value == null || value.compareTo(Duration.ofMillis(250)) < 0) {
        throw new IllegalArgumentException("connectionTimeout must be at least 250ms, but was " + value);
      }
      this.connectionTimeout = value;
      return this;
    }

    /** Whether to run the Flyway migrations at start (default); if false, the schema is only validated. */
    public Builder migrate(boolean value) {
      this.migrate = value;
      return this;
    }

    /**
     * Most build and job rows of settled days (more than two days old) that summaries keep in memory;
     * 0 turns the cache off. Changes by any instance invalidate it through table {@code build_day}.
     */
    public Builder summaryCacheRows(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("summaryCacheRows must not be negative, but was " + value);
      }
      this.summaryCacheRows = value;
      return this;
    }

    /**
     * Whether opening an embedded H2 database the store pools (an {@link #h2(Path) H2 directory}, or a
     * {@code jdbc:h2:file:} {@link #jdbcUrl URL}) first compacts its file when it is at least 16 MB and
     * mostly dead space (default true). H2 writes each commit's pages at the end of the file and, as the store
     * runs it, never reuses or gives back the space they replace, not even when it closes; the compaction at
     * open copies the live data into a new file (about 16 s for 200 MB of live data here) and is the only point
     * where the space comes back. Ignored for other databases and for a {@link #dataSource DataSource}.
     */
    public Builder compactH2OnOpen(boolean value) {
      this.compactH2OnOpen = value;
      return this;
    }

    /**
     * Clock for leases, settings and which days are settled. Instances sharing a database must agree
     * within a day.
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public JpaStoreConfig build() {
      int targets = (h2Directory != null ? 1 : 0) + (dataSource != null ? 1 : 0) + (jdbcUrl != null ? 1 : 0);
      if (targets != 1) {
        throw new IllegalArgumentException("exactly one of h2(directory), dataSource(...) or jdbcUrl(...) must be set,"
            + " but " + targets + " were");
      }
      return new JpaStoreConfig(this);
    }
  }
}
