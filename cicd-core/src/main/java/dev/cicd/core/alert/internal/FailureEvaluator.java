package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.ConsecutiveFailuresRule;
import dev.cicd.core.alert.EveryFailureRule;
import dev.cicd.core.alert.FailedRule;
import dev.cicd.core.build.Build;
import java.util.List;

/** Failed/recovered, every failure and N consecutive failures: all judged on the trailing streak. */
final class FailureEvaluator {
  private FailureEvaluator() {}

  static Verdict failed(FailedRule rule, SeriesHistory h, boolean firing) {
    return streak(h, 1, rule.recoverAfter(), firing);
  }

  static Verdict everyFailure(EveryFailureRule rule, SeriesHistory h, boolean firing) {
    Verdict v = streak(h, 1, 1, firing);
    Build subject = v.subject();
    if (v.kind() == Verdict.Kind.FIRING && subject != null && h.isFailure(subject)) {
      return v.withEventKey(Verdict.eventKeyOf(subject));
    }
    return v;
  }

  static Verdict consecutive(ConsecutiveFailuresRule rule, SeriesHistory h, boolean firing) {
    return streak(h, rule.count(), rule.recoverAfter(), firing);
  }

  private static Verdict streak(SeriesHistory h, int failuresToFire, int successesToResolve, boolean firing) {
    List<Build> qualifying = h.qualifying();
    if (qualifying.isEmpty()) {
      return Verdict.unknown("no completed builds yet");
    }
    Build newest = qualifying.get(qualifying.size() - 1);
    int failures = trailing(qualifying, h, true);
    int successes = trailing(qualifying, h, false);
    if (failures >= failuresToFire) {
      return Verdict.firing(failureText(newest, failures), newest);
    }
    if (failures > 0) {
      return firing ? Verdict.firing(failureText(newest, failures), newest)
          : Verdict.pending(failures + " of " + failuresToFire + " consecutive failures", newest);
    }
    if (firing && successes < successesToResolve) {
      return Verdict.firing("recovering: " + successes + " of " + successesToResolve + " successes needed", newest);
    }
    return Verdict.clear("back to green: build #" + newest.runNumber() + " succeeded", newest);
  }

  private static String failureText(Build newest, int failures) {
    String conclusion = newest.conclusion() == null ? "failed" : newest.conclusion().wireName();
    String text = "build #" + newest.runNumber() + " " + (conclusion.equals("failure") ? "failed" : conclusion);
    return failures > 1 ? text + " (" + failures + " consecutive failures)" : text;
  }

  private static int trailing(List<Build> qualifying, SeriesHistory h, boolean failures) {
    int count = 0;
    for (int i = qualifying.size() - 1; i >= 0; i--) {
      Build b = qualifying.get(i);
      if (failures ? h.isFailure(b) : h.isSuccess(b)) {
        count++;
      } else {
        break;
      }
    }
    return count;
  }
}
