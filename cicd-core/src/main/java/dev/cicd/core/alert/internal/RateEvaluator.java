package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.SuccessRateRule;
import dev.cicd.core.build.Build;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Success rate below a threshold over the last K builds or a time window. */
final class RateEvaluator {
  private RateEvaluator() {}

  static Verdict evaluate(SuccessRateRule rule, SeriesHistory h) {
    List<Build> qualifying = h.qualifying();
    List<Build> sample;
    String over;
    Duration window = rule.window();
    if (window != null) {
      sample = qualifying.stream().filter(b -> b.completedAt() != null && h.inWindow(b.completedAt(), window))
          .toList();
      over = "over the last " + Durations.text(window);
    } else {
      sample = qualifying.subList(Math.max(0, qualifying.size() - rule.lastBuilds()), qualifying.size());
      over = "over the last " + sample.size() + " builds";
    }
    if (sample.size() < rule.minSamples()) {
      return Verdict.unknown("only " + sample.size() + " builds, fewer than the minimum of " + rule.minSamples());
    }
    long successes = sample.stream().filter(h::isSuccess).count();
    double rate = 100.0 * successes / sample.size();
    String text = String.format(Locale.ROOT, "success rate %.1f%% %s (threshold %s%%)", rate, over,
        trim(rule.thresholdPercent()));
    Build newest = sample.get(sample.size() - 1);
    return rate < rule.thresholdPercent() ? Verdict.firing(text, newest) : Verdict.clear(text, newest);
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
