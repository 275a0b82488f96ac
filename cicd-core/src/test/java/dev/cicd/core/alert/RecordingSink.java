package dev.cicd.core.alert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A test channel that records what it was asked to send and answers with scripted results. */
final class RecordingSink implements AlertSink {
  private final String id;
  private final List<Notification> sent = new ArrayList<>();
  private final Deque<DeliveryAttemptResult> script = new ArrayDeque<>();
  private int attempts;

  RecordingSink(String id) {
    this.id = id;
  }

  /** The next sends answer with these results, then "delivered" again. */
  synchronized RecordingSink answer(DeliveryAttemptResult... results) {
    script.addAll(List.of(results));
    return this;
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
  public synchronized DeliveryAttemptResult send(Notification notification) {
    attempts++;
    DeliveryAttemptResult result = script.isEmpty() ? DeliveryAttemptResult.delivered() : script.poll();
    if (result instanceof DeliveryAttemptResult.Delivered) {
      sent.add(notification);
    }
    return result;
  }

  /** Notifications delivered so far. */
  synchronized List<Notification> delivered() {
    return List.copyOf(sent);
  }

  synchronized List<NotificationKind> kinds() {
    return sent.stream().map(Notification::kind).toList();
  }

  synchronized int attempts() {
    return attempts;
  }
}
