package dev.cicd.alerts.slack;

import java.time.Duration;

/** Spaces calls at least {@code interval} apart (monotonic time), blocking the caller. Thread-safe. */
final class Pacer {
  private final long intervalNanos;
  private long nextAllowed = Long.MIN_VALUE;

  Pacer(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  /** Waits for the next slot; false when interrupted. */
  synchronized boolean await() {
    long now = System.nanoTime();
    if (nextAllowed != Long.MIN_VALUE && now - nextAllowed < 0) {
      long waitNanos = nextAllowed - now;
      try {
        wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      now = System.nanoTime();
    }
    nextAllowed = Math.max(now, nextAllowed == Long.MIN_VALUE ? now : nextAllowed) + intervalNanos;
    return true;
  }
}
