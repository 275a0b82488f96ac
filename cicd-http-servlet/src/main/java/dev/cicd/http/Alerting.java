package dev.cicd.http;

import dev.cicd.core.alert.AlertDispatcher;
import dev.cicd.core.alert.AlertEngine;
import dev.cicd.core.alert.AlertStore;
import java.util.Objects;

/**
 * The alerting parts the servlet serves under {@code api/alerts}: the engine (configuration), the
 * store it writes to (alerts, history, outbox) and the dispatcher (channels, test notifications).
 * Pass the same store the engine was built with.
 */
public record Alerting(AlertEngine engine, AlertStore store, AlertDispatcher dispatcher) {
  public Alerting {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(dispatcher, "dispatcher");
  }

  public static Alerting of(AlertEngine engine, AlertStore store, AlertDispatcher dispatcher) {
    return new Alerting(engine, store, dispatcher);
  }
}
