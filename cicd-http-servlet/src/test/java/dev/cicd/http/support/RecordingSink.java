package dev.cicd.http.support;

import dev.cicd.core.alert.AlertSink;
import dev.cicd.core.alert.DeliveryAttemptResult;
import dev.cicd.core.alert.Notification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A channel that keeps what it is sent, or refuses it permanently when told to. */
public final class RecordingSink implements AlertSink {
  private final String id;
  private final List<Notification> received = new CopyOnWriteArrayList<>();
  private volatile boolean refusing;

  public RecordingSink(String id) {
    this.id = id;
  }

  public void refusing(boolean value) {
    this.refusing = value;
  }

  public List<Notification> received() {
    return received;
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
    if (refusing) {
      return DeliveryAttemptResult.permanent("404 channel_not_found");
    }
    received.add(notification);
    return DeliveryAttemptResult.delivered();
  }
}
