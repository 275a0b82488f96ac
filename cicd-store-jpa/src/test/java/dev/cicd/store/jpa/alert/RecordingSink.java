package dev.cicd.store.jpa.alert;

import dev.cicd.core.alert.AlertSink;
import dev.cicd.core.alert.DeliveryAttemptResult;
import dev.cicd.core.alert.Notification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test channel that records every notification it is asked to send and reports it delivered. */
final class RecordingSink implements AlertSink {
  private final String id;
  private final List<Notification> received = new CopyOnWriteArrayList<>();

  RecordingSink(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String type() {
    return "recording";
  }

  @Override
  public DeliveryAttemptResult send(Notification notification) {
    received.add(notification);
    return DeliveryAttemptResult.delivered();
  }

  List<Notification> received() {
    return List.copyOf(received);
  }
}
