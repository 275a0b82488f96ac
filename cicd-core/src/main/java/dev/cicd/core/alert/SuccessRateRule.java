package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.Checks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Fires while the success rate of the qualifying builds in a sample is below {@code thresholdPercent}.
 * The sample is either the last {@code lastBuilds} builds or the builds completed within
 * {@code window}; exactly one is set. With fewer than {@code minSamples} builds the rule is not
 * evaluated (it never starts firing, and a firing alert keeps its state). Type {@code success-rate}.
 *
 * @param lastBuilds sample size in builds, or 0 when {@code window} is set
 * @param window sample by completion time, or null when {@code lastBuilds} is set
 */
public record SuccessRateRule(String id, RuleScope scope, List<String> receivers, double thresholdPercent,
    int lastBuilds, @Nullable Duration window, int minSamples) implements AlertRule {
  public static final String TYPE = "success-rate";

  public SuccessRateRule {
    Checks.ruleId(id);
    Objects.requireNonNull(scope, "scope");
    receivers = Checks.receivers(receivers);
    if (!(thresholdPercent > 0 && thresholdPercent <= 100)) {
      throw new IllegalArgumentException("thresholdPercent must be in (0, 100], but was " + thresholdPercent);
    }
    if ((lastBuilds > 0) == (window != null)) {
      throw new IllegalArgumentException("exactly one of lastBuilds and window must be set, but was lastBuilds="
          + lastBuilds + " window=" + window);
    }
    if (window != null) {
      Checks.positive("window", window);
    } else {
      Checks.atLeast("lastBuilds", lastBuilds, 1);
    }
    Checks.atLeast("minSamples", minSamples, 1);
  }

  public static SuccessRateRule lastBuilds(String id, RuleScope scope, double thresholdPercent, int lastBuilds,
      int minSamples) {
    return new SuccessRateRule(id, scope, List.of(), thresholdPercent, lastBuilds, null, minSamples);
  }

  public static SuccessRateRule window(String id, RuleScope scope, double thresholdPercent, Duration window,
      int minSamples) {
    return new SuccessRateRule(id, scope, List.of(), thresholdPercent, 0, window, minSamples);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean timeBased() {
    return window != null;
  }

  @Override
  public Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("thresholdPercent", Double.toString(thresholdPercent));
    if (window != null) {
      p.put("window", window.toString());
    } else {
      p.put("lastBuilds", Integer.toString(lastBuilds));
    }
    p.put("minSamples", Integer.toString(minSamples));
    return p;
  }
}
