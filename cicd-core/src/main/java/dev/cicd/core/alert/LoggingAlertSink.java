package dev.cicd.core.alert;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reference {@link AlertSink}: writes each notification as one INFO log line and always delivers.
 * Provider text is logged with control characters escaped, so a commit message cannot forge log lines.
 */
public final class LoggingAlertSink implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingAlertSink.class);

  private final String id;

  public LoggingAlertSink(String id) {
    Receiver.requireId("channel id", id);
    this.id = id;
  }

  public LoggingAlertSink() {
    this("log");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String type() {
    return "log";
  }

  @Override
  public DeliveryAttemptResult send(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    for (NotificationItem item : notification.items()) {
      LOG.info("Alert {} {} [{}]: {} (key {})", item.kind().wireName(), oneLine(item.scopeLabel()), item.ruleId(),
          oneLine(item.summary()), notification.key());
    }
    return DeliveryAttemptResult.delivered();
  }

  /** Escapes CR, LF and other control characters so the value stays on one log line. */
  static String oneLine(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "LoggingAlertSink[" + id + "]";
  }
}
