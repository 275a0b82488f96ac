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
 * the deployment statuses.
 */
public final class SummaryQuery {
  private static final Logger LOG = LoggerFactory.getLogger(SummaryQuery.class);
  private final StoreDatabase db;
  private final Terms terms;

  public SummaryQuery(StoreDatabase db, Terms terms) {
    this.db = db;
    this.terms = terms;
  }

  public BuildSummary summarize(MetricsQuery query) {
    Objects.requireNonNull(query, "query");
    return db.inReadTransaction(() -> "Failed to summarize builds from " + query.from() + " to " + query.to(),
        c -> summarize(c, query));
  }

  private BuildSummary summarize(Connection c, MetricsQuery query) throws SQLException {
    long from = Nanos.of(query.from());
    long to = Nanos.of(query.to());
    List<LocalDate> days = days(query);
    WindowScan scan = new WindowScan(new AttemptOutcomes.Classifier(query.policy()), dayStarts(days, query));
    Optional<Filters> filters = filters(query);
    QueueStats queue = new QueueStats(0, null, null);
    @Nullable Double mttr = null;
    long t0 = System.nanoTime();
    long t1 = t0;
    long t2 = t0;
    long t3 = t0;
    if (filters.isPresent()) {
      scan.run(c, db.table("build"), from, to, filters.get());
      t1 = System.nanoTime();
      queue = QueueScan.run(c, db.table("job"), from, to, filters.get());
      t2 = System.nanoTime();
      mttr = mttr(scan, new MttrTails(db, query.policy()).openEpisodes(c, scan, filters.get(), from, to));
      t3 = System.nanoTime();
    }
    DoraMetrics dora = new DoraQuery(db, terms).run(c, query);
    long t4 = System.nanoTime();
    BuildSummary summary = new SummaryAssembly(scan, days).summary(query, queue, mttr, dora,
        terms.texts(c, termIds(scan)));
    if (LOG.isDebugEnabled()) {
      LOG.debug("Summary of {} builds: window scan {} ms, queue {} ms, MTTR {} ms, DORA {} ms, assembly {} ms",
          scan.total, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(System.nanoTime() - t4));
    }
    return summary;
  }

  /** The filters as term ids; empty when a filter names something never stored (nothing matches). */
  private Optional<Filters> filters(MetricsQuery query) {
    @Nullable Long repository = null;
    @Nullable Long workflow = null;
    @Nullable Long branch = null;
    if (query.repository() != null) {
      repository = terms.find(Terms.Kind.REPOSITORY, query.repository()).orElse(null);
      if (repository == null) {
        return Optional.empty();
      }
    }
    if (query.workflow() != null) {
      workflow = terms.find(Terms.Kind.WORKFLOW, query.workflow()).orElse(null);
      if (workflow == null) {
        return Optional.empty();
      }
    }
    if (query.branch() != null) {
      branch = terms.find(Terms.Kind.BRANCH, query.branch()).orElse(null);
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
