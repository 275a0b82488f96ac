package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fires when {@code forBuilds} qualifying builds in a row each took longer than {@code factor} × the
 * median duration of the {@code baselineBuilds} successful builds before it. Needs at least
 * {@code minBaseline} successes to judge a build. Type {@code duration-regression}.
 */
public record DurationRegressionRule(String id, RuleScope scope, List<String> receivers, double factor,
    int baselineBuilds, int forBuilds, int minBaseline) implements AlertRule {
  public static final String TYPE = "duration-regression";

  public DurationRegressionRule {
    Checks.ruleId(id);
    Objects.requireNonNull(scope, "scope");
    receivers = Checks.receivers(receivers);
    if (!(factor > 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be greater than 1, but was " + factor);
    }
    Checks.atLeast("baselineBuilds", baselineBuilds, 1);
    Checks.atLeast("forBuilds", forBuilds, 1);
    Checks.atLeast("minBaseline", minBaseline, 1);
    if (minBaseline > baselineBuilds) {
      throw new IllegalArgumentException("minBaseline must be at most baselineBuilds (" + baselineBuilds
          + "), but was " + minBaseline);
    }
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of("factor", Double.toString(factor), "baselineBuilds", Integer.toString(baselineBuilds),
        "forBuilds", Integer.toString(forBuilds), "minBaseline", Integer.toString(minBaseline));
  }
}
