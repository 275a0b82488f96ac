package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fires when the last {@code count} qualifying builds all failed (pending before that) and resolves
 * after {@code recoverAfter} consecutive successes. Type {@code consecutive-failures}.
 */
public record ConsecutiveFailuresRule(String id, RuleScope scope, List<String> receivers, int count,
    int recoverAfter) implements AlertRule {
  public static final String TYPE = "consecutive-failures";

  public ConsecutiveFailuresRule {
    Checks.ruleId(id);
    Objects.requireNonNull(scope, "scope");
    receivers = Checks.receivers(receivers);
    Checks.atLeast("count", count, 1);
    Checks.atLeast("recoverAfter", recoverAfter, 1);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of("count", Integer.toString(count), "recoverAfter", Integer.toString(recoverAfter));
  }
}
