package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.FlakyRule;
import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flaky commits: on one commit, a failed attempt (or run) followed by a passing one. Counted once per
 * commit, when the passing attempt completed within the window.
 */
final class FlakyEvaluator {
  private FlakyEvaluator() {}

  static Verdict evaluate(FlakyRule rule, SeriesHistory h) {
    Map<String, List<Build>> byCommit = new LinkedHashMap<>();
    for (Build b : h.builds()) {
      if (b.commitSha() != null) {
        byCommit.computeIfAbsent(b.commitSha(), k -> new java.util.ArrayList<>()).add(b);
      }
    }
    Set<String> flaky = new HashSet<>();
    Build latestFlaky = null;
    for (Map.Entry<String, List<Build>> commit : byCommit.entrySet()) {
      boolean sawFailure = false;
      for (Build build : commit.getValue()) {
        for (Attempt attempt : build.attempts()) {
          if (!attempt.isCompleted()) {
            continue;
          }
          if (h.policy().isFailure(attempt.conclusion())) {
            sawFailure = true;
          } else if (sawFailure && h.policy().isSuccess(attempt.conclusion()) && inWindow(attempt, rule, h)) {
            flaky.add(commit.getKey());
            latestFlaky = build;
          }
        }
      }
    }
    String text = flaky.size() + " flaky " + (flaky.size() == 1 ? "commit" : "commits") + " (failed, then passed on retry)"
        + " in the last " + Durations.text(rule.window()) + " (limit " + rule.minCount() + ")";
    if (flaky.size() >= rule.minCount()) {
      return Verdict.firing(text, latestFlaky);
    }
    return Verdict.clear(text, h.newest().orElse(null));
  }

  private static boolean inWindow(Attempt attempt, FlakyRule rule, SeriesHistory h) {
    Instant at = attempt.completedAt();
    return at != null && h.inWindow(at, rule.window());
  }
}
