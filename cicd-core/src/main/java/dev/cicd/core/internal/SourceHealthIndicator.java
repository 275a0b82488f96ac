package dev.cicd.core.internal;

import dev.cicd.core.health.ComponentHealth;
import dev.cicd.core.health.HealthIndicator;
import dev.cicd.core.health.HealthStatus;
import dev.cicd.core.source.BuildSource;
import dev.cicd.core.source.SourceHealth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Health of a source: the worst of its polled units, with each unit's facts. */
public final class SourceHealthIndicator implements HealthIndicator {
  private final BuildSource source;

  public SourceHealthIndicator(BuildSource source) {
    this.source = source;
  }

  @Override
  public String name() {
    return "source:" + source.provider();
  }

  @Override
  public ComponentHealth health() {
    List<SourceHealth> units = source.health();
    HealthStatus status = HealthStatus.UP;
    StringBuilder problems = new StringBuilder();
    Map<String, Object> details = new LinkedHashMap<>();
    for (SourceHealth unit : units) {
      HealthStatus s = HealthStatus.valueOf(unit.state().name());
      status = status.and(s);
      if (unit.problem() != null) {
        problems.append(problems.length() == 0 ? "" : "; ").append(unit.name()).append(": ").append(unit.problem());
      }
      Map<String, Object> facts = new LinkedHashMap<>(unit.details());
      facts.put("state", unit.state().name());
      if (unit.lastSuccess() != null) {
        facts.put("lastSuccess", unit.lastSuccess().toString());
      }
      if (unit.problem() != null) {
        facts.put("problem", unit.problem());
      }
      details.put(unit.name(), facts);
    }
    return new ComponentHealth(status, problems.length() == 0 ? null : problems.toString(), details);
  }
}
