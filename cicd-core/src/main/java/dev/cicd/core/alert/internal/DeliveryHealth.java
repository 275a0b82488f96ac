package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.AlertSink;
import dev.cicd.core.alert.AlertSinkHealth;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A channel's health as its deliveries show it, merged with the channel's own view. Thread-safe. */
final class DeliveryHealth {
  private final AlertSink sink;
  private AlertSinkHealth.Status status = AlertSinkHealth.Status.OK;
  private @Nullable String detail;
  private @Nullable Instant since;

  DeliveryHealth(AlertSink sink) {
    this.sink = sink;
  }

  synchronized void delivered() {
    status = AlertSinkHealth.Status.OK;
    detail = null;
    since = null;
  }

  synchronized void retrying(String reason, Instant at) {
    mark("retrying: " + reason, at);
  }

  synchronized void permanent(String reason, Instant at) {
    mark("last notification failed permanently: " + reason, at);
  }

  private void mark(String text, Instant at) {
    if (status == AlertSinkHealth.Status.OK) {
      since = at;
    }
    status = AlertSinkHealth.Status.FAILING;
    detail = text;
  }

  synchronized AlertSinkHealth current() {
    AlertSinkHealth own = sink.health();
    if (own.status() != AlertSinkHealth.Status.OK) {
      return own;
    }
    return new AlertSinkHealth(sink.id(), sink.type(), status, detail, since);
  }
}
