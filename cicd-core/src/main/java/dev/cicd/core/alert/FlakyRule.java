package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fires while at least {@code minCount} commits within {@code window} were flaky: an earlier attempt
 * (or an earlier run) on the commit failed and a later one passed. Type {@code flaky}.
 */
public record FlakyRule(String id, RuleScope scope, List<String> receivers, int minCount, Duration window)
    implements AlertRule {
  public static final String TYPE = "flaky";

  public FlakyRule {
    Checks.ruleId(id);
    Objects.requireNonNull(scope, "scope");
    receivers = Checks.receivers(receivers);
    Checks.atLeast("minCount", minCount, 1);
    Checks.positive("window", window);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean timeBased() {
    return true;
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of("minCount", Integer.toString(minCount), "window", window.toString());
  }
}
