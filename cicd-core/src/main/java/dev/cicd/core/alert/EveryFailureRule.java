package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Notifies on every failed build: the first failure fires, each further failure sends a threaded
 * "failed again" notice, and a success resolves. Type {@code every-failure}.
 */
public record EveryFailureRule(String id, RuleScope scope, List<String> receivers) implements AlertRule {
  public static final String TYPE = "every-failure";

  public EveryFailureRule {
    Checks.ruleId(id);
    Objects.requireNonNull(scope, "scope");
    receivers = Checks.receivers(receivers);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of();
  }
}
