package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.DurationRegressionRule;
import dev.cicd.core.build.Build;
import dev.cicd.core.metrics.NearestRank;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Duration regression: builds slower than factor × the median of the preceding successes, M in a row. */
final class DurationEvaluator {
  private DurationEvaluator() {}

  static Verdict evaluate(DurationRegressionRule rule, SeriesHistory h, boolean firing) {
    List<Build> qualifying = h.qualifying();
    if (qualifying.isEmpty()) {
      return Verdict.unknown("no completed builds yet");
    }
    Build newest = qualifying.get(qualifying.size() - 1);
    int slow = 0;
    String text = null;
    for (int i = qualifying.size() - 1; i >= 0 && slow < rule.forBuilds(); i--) {
      Long median = baselineMedian(rule, h, qualifying, i);
      Long duration = qualifying.get(i).durationMs();
      if (median == null || duration == null) {
        if (slow == 0) {
          return Verdict.unknown("not enough successful builds for a baseline");
        }
        break;
      }
      if (duration <= rule.factor() * median) {
        break;
      }
      if (slow == 0) {
        text = String.format(Locale.ROOT, "took %s, more than %s × the median %s of the last %d successes",
            Durations.text(Duration.ofMillis(duration)), trim(rule.factor()),
            Durations.text(Duration.ofMillis(median)), rule.baselineBuilds());
      }
      slow++;
    }
    if (slow >= rule.forBuilds()) {
      return Verdict.firing(slow + " slow builds in a row; build #" + newest.runNumber() + " " + text, newest);
    }
    if (slow > 0) {
      return firing ? Verdict.firing("build #" + newest.runNumber() + " " + text, newest)
          : Verdict.pending(slow + " of " + rule.forBuilds() + " slow builds in a row", newest);
    }
    return Verdict.clear("build #" + newest.runNumber() + " took a normal time", newest);
  }

  private static @Nullable Long baselineMedian(DurationRegressionRule rule, SeriesHistory h, List<Build> qualifying,
      int index) {
    List<Long> durations = new ArrayList<>();
    for (int j = index - 1; j >= 0 && durations.size() < rule.baselineBuilds(); j--) {
      Build b = qualifying.get(j);
      if (h.isSuccess(b) && b.durationMs() != null) {
        durations.add(b.durationMs());
      }
    }
    if (durations.size() < rule.minBaseline()) {
      return null;
    }
    return NearestRank.of(durations.stream().mapToLong(Long::longValue).toArray(), 50);
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
