package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fires while a job of the newest build waits (or waited) longer than {@code maxWait} for a runner;
 * resolves when a newer build's jobs all started in time. Type {@code long-queue}.
 */
public record LongQueueRule(String id, RuleScope scope, List<String> receivers, Duration maxWait)
    implements AlertRule {
  public static final String TYPE = "long-queue";

  public LongQueueRule {
    Checks.ruleId(id);
    Objects.requireNonNull(scope, "scope");
    receivers = Checks.receivers(receivers);
    Checks.positive("maxWait", maxWait);
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
    return Map.of("maxWait", maxWait.toString());
  }
}
