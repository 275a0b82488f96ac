package dev.cicd.core;

import dev.cicd.core.health.HealthIndicator;
import java.util.List;

/**
 * A part that runs with a {@link Cicd} instance (alert engine, dispatcher, live-update relay). Started
 * after the store and sources are ready, stopped in reverse order. Registered with
 * {@link CicdBuilder#component(CicdComponent)}.
 */
public interface CicdComponent {
  /** Starts background work; may subscribe to {@code cicd.ingestion()}. */
  void start(Cicd cicd);

  /** Stops background work; must return within a few seconds. */
  default void stop() {}

  /** Health indicators this component contributes to {@code /health}. */
  default List<HealthIndicator> healthIndicators() {
    return List.of();
  }
}
