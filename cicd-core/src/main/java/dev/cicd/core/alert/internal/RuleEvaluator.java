package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.AlertRule;
import dev.cicd.core.alert.ConsecutiveFailuresRule;
import dev.cicd.core.alert.DurationRegressionRule;
import dev.cicd.core.alert.EveryFailureRule;
import dev.cicd.core.alert.FailedRule;
import dev.cicd.core.alert.FlakyRule;
import dev.cicd.core.alert.LongQueueRule;
import dev.cicd.core.alert.SilentPipelineRule;
import dev.cicd.core.alert.SuccessRateRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Evaluates any rule over a series history, and tells how much history rules need. */
public final class RuleEvaluator {
  /** Builds created this long before a time window may still complete inside it. */
  private static final Duration WINDOW_SLACK = Duration.ofHours(6);

  private RuleEvaluator() {}

  /** @param firing whether the alert fires now (rules with hysteresis keep firing until recovered) */
  public static Verdict evaluate(AlertRule rule, SeriesHistory h, boolean firing) {
    if (rule instanceof FailedRule r) {
      return FailureEvaluator.failed(r, h, firing);
    } else if (rule instanceof EveryFailureRule r) {
      return FailureEvaluator.everyFailure(r, h, firing);
    } else if (rule instanceof ConsecutiveFailuresRule r) {
      return FailureEvaluator.consecutive(r, h, firing);
    } else if (rule instanceof SuccessRateRule r) {
      return RateEvaluator.evaluate(r, h);
    } else if (rule instanceof DurationRegressionRule r) {
      return DurationEvaluator.evaluate(r, h, firing);
    } else if (rule instanceof LongQueueRule r) {
      return QueueEvaluator.evaluate(r, h);
    } else if (rule instanceof FlakyRule r) {
      return FlakyEvaluator.evaluate(r, h);
    } else {
      return NoDataEvaluator.evaluate((SilentPipelineRule) rule, h);
    }
  }

  /** Qualifying builds the rules need. */
  public static int qualifyingNeeded(List<AlertRule> rules) {
    int need = 1;
    for (AlertRule rule : rules) {
      if (rule instanceof FailedRule r) {
        need = Math.max(need, r.recoverAfter() + 1);
      } else if (rule instanceof ConsecutiveFailuresRule r) {
        need = Math.max(need, Math.max(r.count(), r.recoverAfter()) + 1);
      } else if (rule instanceof SuccessRateRule r) {
        need = Math.max(need, r.lastBuilds());
      } else if (rule instanceof DurationRegressionRule r) {
        need = Math.max(need, 2 * (r.baselineBuilds() + r.forBuilds()));
      } else {
        need = Math.max(need, 2);
      }
    }
    return need;
  }

  /** The earliest creation time the rules' time windows need, or null when none has a window. */
  public static @Nullable Instant since(List<AlertRule> rules, Instant now) {
    Duration longest = null;
    for (AlertRule rule : rules) {
      Duration window = rule instanceof SuccessRateRule r ? r.window()
          : rule instanceof FlakyRule r ? r.window() : null;
      if (window != null && (longest == null || window.compareTo(longest) > 0)) {
        longest = window;
      }
    }
    return longest == null ? null : now.minus(longest).minus(WINDOW_SLACK);
  }
}
