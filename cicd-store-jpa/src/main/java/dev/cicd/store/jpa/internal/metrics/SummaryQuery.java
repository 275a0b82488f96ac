package dev.cicd.store.jpa.internal.metrics;

import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.BuildSummary.DoraMetrics;
import dev.cicd.core.metrics.BuildSummary.QueueStats;
import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.store.jpa.internal.AttemptOutcomes;
import dev.cicd.store.jpa.internal.Nanos;
import dev.cicd.store.jpa.internal.StoreDatabase;
import dev.cicd.store.jpa.internal.Terms;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link dev.cicd.store.jpa.JpaBuildStore#summarize}: the core metric definitions computed from a few
 * range scans whose cost follows the window: the window's builds (covering index on completion time),
 * the MTTR sequences back to their latest success before the window, the window's job queue times and
 * the deployment statuses. DORA runs on a second connection in parallel when the store's pool has one
 * idle (it then reads its own snapshot).
 */
public final class SummaryQuery {
  private static final Logger LOG = LoggerFactory.getLogger(SummaryQuery.class);
  /** How far before the window the window scan also reads, for the MTTR sequences' recent history. */
  private static final long HISTORY = 2 * 86_400_000_000_000L;
  private final StoreDatabase db;
  private final Terms terms;
  private final DayCache cache;
  private final Clock clock;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "cicd-summary");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * @param cache compact rows of settled days, shared by the store's summaries
   * @param clock decides which days are settled (days more than two days old; writers mark changes to
   *     days more than one day old, which tolerates a day of clock skew between instances)
   */
  public SummaryQuery(StoreDatabase db, Terms terms, DayCache cache, Clock clock) {
    this.db = db;
    this.terms = terms;
    this.cache = cache;
    this.clock = clock;
  }

  public BuildSummary summarize(MetricsQuery query) {
    Objects.requireNonNull(query, "query");
    Future<DoraMetrics> dora = spareConnection() ? executor.submit(() -> db.inReadTransaction(
        () -> "Failed to compute DORA metrics", c -> new DoraQuery(db, terms).run(c, query))) : null;
    try {
      return db.inReadTransaction(() -> "Failed to summarize builds from " + query.from() + " to " + query.to(),
          c -> summarize(c, query, dora));
    } finally {
      if (dora != null) {
        dora.cancel(false);
      }
    }
  }

  /** DORA runs beside the build scans only when the store's own pool has an idle connection to spare. */
  private boolean spareConnection() {
    if (db.dataSource() instanceof com.zaxxer.hikari.HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
      return pool.getHikariPoolMXBean().getIdleConnections() > 1;
    }
    return false;
  }

  private static DoraMetrics await(Future<DoraMetrics> dora) throws SQLException {
    try {
      return dora.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while computing DORA metrics", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new SQLException("DORA metrics failed", e.getCause());
    }
  }

  /** Stops the background threads. */
  public void close() {
    executor.shutdownNow();
  }

  private BuildSummary summarize(Connection c, MetricsQuery query, @Nullable Future<DoraMetrics> parallelDora)
      throws SQLException {
    long from = Nanos.of(query.from());
    long to = Nanos.of(query.to());
    List<LocalDate> days = days(query);
    WindowScan scan = new WindowScan(new AttemptOutcomes.Classifier(query.policy()), dayStarts(days, query));
    Optional<Filters> filters = filters(c, query);
    QueueStats queue = new QueueStats(0, null, null);
    @Nullable Double mttr = null;
    long t0 = System.nanoTime();
    long t1 = t0;
    long t2 = t0;
    long t3 = t0;
    if (filters.isPresent()) {
      long firstUnsettledDay = Math.floorDiv(Nanos.of(clock.instant()), RowSource.DAY) - 2;
      RowSource rows = new RowSource(c, db, cache, filters.get(), firstUnsettledDay,
          Math.floorDiv(MttrTails.floor(from, to), RowSource.DAY));
      scan.run(rows, from, to, Math.min(HISTORY, to - from));
      t1 = System.nanoTime();
      queue = QueueScan.run(rows, from, to);
      t2 = System.nanoTime();
      mttr = mttr(scan, new MttrTails(db, query.policy()).openEpisodes(c, rows, scan, filters.get(), from, to));
      t3 = System.nanoTime();
    }
    DoraMetrics dora = parallelDora != null ? await(parallelDora) : new DoraQuery(db, terms).run(c, query);
    long t4 = System.nanoTime();
    BuildSummary summary = new SummaryAssembly(scan, days).summary(query, queue, mttr, dora,
        terms.texts(c, termIds(scan)));
    if (LOG.isDebugEnabled()) {
      LOG.debug("Summary of {} builds: window scan {} ms, queue {} ms, MTTR {} ms, DORA {} ms, assembly {} ms"
          + " ({} days cached)", scan.total, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3),
          ms(System.nanoTime() - t4), cache.days());
    }
    return summary;
  }

  /** The filters as term ids; empty when a filter names something never stored (nothing matches). */
  private Optional<Filters> filters(Connection c, MetricsQuery query) throws SQLException {
    @Nullable Long repository = null;
    @Nullable Long workflow = null;
    @Nullable Long branch = null;
    if (query.repository() != null) {
      repository = terms.find(c, Terms.Kind.REPOSITORY, query.repository()).orElse(null);
      if (repository == null) {
        return Optional.empty();
      }
    }
    if (query.workflow() != null) {
      workflow = terms.find(c, Terms.Kind.WORKFLOW, query.workflow()).orElse(null);
      if (workflow == null) {
        return Optional.empty();
      }
    }
    if (query.branch() != null) {
      branch = terms.find(c, Terms.Kind.BRANCH, query.branch()).orElse(null);
      if (branch == null) {
        return Optional.empty();
      }
    }
    return Optional.of(new Filters(repository, workflow, branch));
  }

  /** Mean length of the episodes ending in the window, replaying the window's events in order. */
  private static @Nullable Double mttr(WindowScan scan, long[] open) {
    long sum = 0;
    long count = 0;
    for (int i = 0; i < scan.events.size(); i++) {
      int event = scan.events.get(i);
      int sequence = event >>> 1;
      if (!scan.hasSuccess(sequence)) {
        continue;
      }
      long at = scan.eventTimes.get(i);
      if ((event & 1) == 0) {
        if (open[sequence] == MttrTails.NONE) {
          open[sequence] = at;
        }
      } else if (open[sequence] != MttrTails.NONE) {
        sum += Nanos.millisBetween(open[sequence], at);
        count++;
        open[sequence] = MttrTails.NONE;
      }
    }
    return count == 0 ? null : (double) sum / count;
  }

  private static List<Long> termIds(WindowScan scan) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < scan.repositories.size(); i++) {
      ids.add(scan.repositories.key(i, 0));
    }
    for (int i = 0; i < scan.workflows.size(); i++) {
      ids.add(scan.workflows.key(i, 1));
    }
    return ids;
  }

  private static String ms(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
  }

  /** Every calendar day (in the query's zone) the window touches. */
  static List<LocalDate> days(MetricsQuery query) {
    List<LocalDate> days = new ArrayList<>();
    LocalDate first = query.from().atZone(query.zone()).toLocalDate();
    LocalDate last = query.to().minusNanos(1).atZone(query.zone()).toLocalDate();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  private static long[] dayStarts(List<LocalDate> days, MetricsQuery query) {
    long[] starts = new long[days.size()];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = Nanos.of(days.get(i).atStartOfDay(query.zone()).toInstant());
    }
    return starts;
  }
}
