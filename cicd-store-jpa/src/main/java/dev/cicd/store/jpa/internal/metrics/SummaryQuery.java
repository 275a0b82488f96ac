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

/**
 * {@link dev.cicd.store.jpa.JpaBuildStore#summarize}: the core metric definitions computed from a few
 * range scans whose cost follows the window: the window's builds (covering index on completion time),
 * the MTTR sequences back to their latest success before the window, the window's job queue times and
 * the deployment statuses.
 */
public final class SummaryQuery {
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
    if (filters.isPresent()) {
      scan.run(c, db.table("build"), from, to, filters.get());
      queue = QueueScan.run(c, db.table("job"), from, to, filters.get());
      mttr = mttr(scan, new MttrTails(db, query.policy()).openEpisodes(c, scan, from));
    }
    DoraMetrics dora = new DoraQuery(db, terms).run(c, query);
    return new SummaryAssembly(scan, days).summary(query, queue, mttr, dora, terms.texts(c, termIds(scan)));
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
