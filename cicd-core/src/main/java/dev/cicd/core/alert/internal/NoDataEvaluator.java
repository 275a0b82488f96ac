package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.SilentPipelineRule;
import dev.cicd.core.build.Build;
import java.time.Duration;
import java.time.Instant;

/** Silent pipeline ("no data"): no completed run of a scheduled workflow for longer than the limit. */
final class NoDataEvaluator {
  private NoDataEvaluator() {}

  static Verdict evaluate(SilentPipelineRule rule, SeriesHistory h) {
    Build last = h.lastCompleted().get().orElse(null);
    if (last == null || last.completedAt() == null) {
      return Verdict.unknown("no completed run yet");
    }
    Instant completed = last.completedAt();
    Duration silentFor = Duration.between(completed, h.now());
    if (silentFor.compareTo(rule.maxSilence()) > 0) {
      return Verdict.firing("no completed run for " + Durations.text(silentFor) + " (limit "
          + Durations.text(rule.maxSilence()) + "); last was build #" + last.runNumber(), last);
    }
    return Verdict.clear("build #" + last.runNumber() + " completed", last);
  }
}
