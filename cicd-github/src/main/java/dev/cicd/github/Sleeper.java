package dev.cicd.github;

import java.time.Duration;

/**
 * Waits. Every wait of the GitHub client (rate limits, backoff) goes through a sleeper, so tests can
 * replace it with one that advances a test clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits for {@code duration}; returns early only by throwing when interrupted. */
  void sleep(Duration duration) throws InterruptedException;

  /** Real waiting with {@link Thread#sleep(Duration)}. */
  static Sleeper system() {
    return duration -> {
      if (!duration.isNegative() && !duration.isZero()) {
        Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
      }
    };
  }
}
