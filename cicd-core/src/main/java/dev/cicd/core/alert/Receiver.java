package dev.cicd.core.alert;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who gets an alert's notifications and how: a channel (an {@link AlertSink} id) plus policies.
 *
 * @param id referenced by rules; lower-case letters, digits, {@code -} and {@code _}
 * @param channel id of the {@link AlertSink} that delivers
 * @param sendResolved whether "resolved" notifications are sent
 * @param quietHours notifications falling inside are deferred to the window's end; null for none
 */
public record Receiver(String id, String channel, boolean sendResolved, @Nullable QuietHours quietHours) {
  /** Pattern of receiver and channel ids. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public Receiver {
    requireId("receiver id", id);
    requireId("receiver channel", channel);
  }

  /** A receiver with the channel's id, sending resolved notices, without quiet hours. */
  public static Receiver of(String channel) {
    return new Receiver(channel, channel, true, null);
  }

  public Optional<QuietHours> quiet() {
    return Optional.ofNullable(quietHours);
  }

  static void requireId(String what, String value) {
    Objects.requireNonNull(value, what);
    if (!ID.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must match " + ID + ", but was '" + value + "'");
    }
  }
}
