package dev.cicd.core.alert.internal;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.metrics.OutcomePolicy;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads a series' recent builds from the {@link BuildStore}, newest pages first, as far as rules need. */
public final class HistoryLoader {
  private static final int PAGE = 100;

  private final BuildStore store;
  private final OutcomePolicy policy;
  private final Duration tolerance;
  private final int maxScan;

  public HistoryLoader(BuildStore store, OutcomePolicy policy, Duration tolerance, int maxScan) {
    this.store = store;
    this.policy = policy;
    this.tolerance = tolerance;
    this.maxScan = maxScan;
  }

  /**
   * @param minQualifying stop once this many qualifying builds were read ...
   * @param since ... and the builds reach back before this creation time (null: no time need)
   */
  public SeriesHistory load(Series series, int minQualifying, @Nullable Instant since, Instant now) {
    List<Build> builds = new ArrayList<>();
    int qualifying = 0;
    String cursor = null;
    do {
      Page<Build> page = store.list(query(series).limit(PAGE).cursor(cursor).build());
      for (Build b : page.items()) {
        if (!series.contains(b)) {
          continue;
        }
        builds.add(b);
        if (b.isCompleted() && policy.isRateRelevant(b.conclusion())) {
          qualifying++;
        }
      }
      cursor = page.nextCursor();
      Instant oldest = page.items().isEmpty() ? null : page.items().get(page.items().size() - 1).createdAt();
      boolean enoughTime = since == null || (oldest != null && oldest.isBefore(since));
      if (qualifying >= minQualifying && enoughTime) {
        break;
      }
    } while (cursor != null && builds.size() < maxScan);
    return new SeriesHistory(series, builds, now, tolerance, policy, store::find, () -> lastCompleted(series));
  }

  private Optional<Build> lastCompleted(Series series) {
    String cursor = null;
    int scanned = 0;
    do {
      Page<Build> page = store.list(query(series).status(BuildStatus.COMPLETED).limit(PAGE).cursor(cursor).build());
      for (Build b : page.items()) {
        if (series.contains(b)) {
          return Optional.of(b);
        }
      }
      scanned += page.items().size();
      cursor = page.nextCursor();
    } while (cursor != null && scanned < maxScan);
    return Optional.empty();
  }

  private static BuildQuery.Builder query(Series series) {
    return BuildQuery.builder().repository(series.repository()).workflow(series.workflow())
        .branch(series.branch().isEmpty() ? null : series.branch());
  }
}
