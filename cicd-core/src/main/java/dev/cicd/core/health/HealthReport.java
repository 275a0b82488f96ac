package dev.cicd.core.health;

import java.util.Map;
import java.util.TreeMap;

/** Health of the whole: the worst component status, and each component by name. */
public record HealthReport(HealthStatus status, Map<String, ComponentHealth> components) {
  public HealthReport {
    components = java.util.Collections.unmodifiableMap(new TreeMap<>(components));
  }

  public static HealthReport of(Map<String, ComponentHealth> components) {
    HealthStatus status = HealthStatus.UP;
    for (ComponentHealth c : components.values()) {
      status = status.and(c.status());
    }
    return new HealthReport(status, components);
  }
}
