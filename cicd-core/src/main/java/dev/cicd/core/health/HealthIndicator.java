package dev.cicd.core.health;

/** Reports the health of one named component. Must be fast and must not throw. */
public interface HealthIndicator {
  String name();

  ComponentHealth health();
}
