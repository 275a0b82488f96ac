package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "No data": fires when a scheduled workflow (runs with event {@code schedule}) has had no completed
 * run for {@code maxSilence}; resolves when a run completes. Type {@code silent-pipeline}.
 */
public record SilentPipelineRule(String id, RuleScope scope, List<String> receivers, Duration maxSilence)
    implements AlertRule {
  public static final String TYPE = "silent-pipeline";
  /** The build event of scheduled runs. */
  public static final String SCHEDULE_EVENT = "schedule";

  public SilentPipelineRule {
    Checks.ruleId(id);
    Objects.requireNonNull(scope, "scope");
    receivers = Checks.receivers(receivers);
    Checks.positive("maxSilence", maxSilence);
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
    return Map.of("maxSilence", maxSilence.toString());
  }
}
