package dev.cicd.core.health;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Health of one component.
 *
 * @param problem what is wrong, safe to show to an operator (never secrets); null when UP
 * @param details facts such as counts, last success time or rate-limit remaining
 */
public record ComponentHealth(HealthStatus status, @Nullable String problem, Map<String, Object> details) {
  public ComponentHealth {
    Objects.requireNonNull(status, "status");
    details = Map.copyOf(details);
  }

  public static ComponentHealth up(Map<String, Object> details) {
    return new ComponentHealth(HealthStatus.UP, null, details);
  }

  public static ComponentHealth down(String problem) {
    return new ComponentHealth(HealthStatus.DOWN, problem, Map.of());
  }
}
