package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fires on the first failure after success and resolves ("back to green") after {@code recoverAfter}
 * consecutive successes. Further failures while firing send nothing until the reminder interval.
 * Type {@code failed}; the default rule.
 */
public record FailedRule(String id, RuleScope scope, List<String> receivers, int recoverAfter)
    implements AlertRule {
  public static final String TYPE = "failed";

  public FailedRule {
    Checks.ruleId(id);
    Objects.requireNonNull(scope, "scope");
    receivers = Checks.receivers(receivers);
    Checks.atLeast("recoverAfter", recoverAfter, 1);
  }

  public static FailedRule of(String id, RuleScope scope) {
    return new FailedRule(id, scope, List.of(), 1);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of("recoverAfter", Integer.toString(recoverAfter));
  }
}
