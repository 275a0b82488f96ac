package dev.cicd.http.internal;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Webhook deliveries answered, by provider and outcome, for {@code /metrics}. */
public final class WebhookCounters {
  /** How a delivery was answered. */
  public enum Outcome {
    STORED, DUPLICATE, PING, IGNORED, INVALID, UNAUTHORIZED, MISSING_DELIVERY_ID, TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE, NOT_CONFIGURED, UNAVAILABLE, ERROR;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A counter key. */
  public record Key(String provider, Outcome outcome) {}

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

  public void count(String provider, Outcome outcome) {
    counts.computeIfAbsent(new Key(provider, outcome), k -> new LongAdder()).increment();
  }

  public long get(String provider, Outcome outcome) {
    LongAdder adder = counts.get(new Key(provider, outcome));
    return adder == null ? 0 : adder.sum();
  }

  /** Every counter, ordered by provider then outcome. */
  public Map<Key, Long> snapshot() {
    Map<Key, Long> copy = new TreeMap<>((a, b) -> a.provider().equals(b.provider())
        ? a.outcome().compareTo(b.outcome()) : a.provider().compareTo(b.provider()));
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
