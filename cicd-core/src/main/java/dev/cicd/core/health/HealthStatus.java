package dev.cicd.core.health;

/** Health of a component or of the whole. DOWN means the library cannot do its job. */
public enum HealthStatus {
  UP,
  DEGRADED,
  DOWN;

  /** The worse of the two. */
  public HealthStatus and(HealthStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
