package dev.cicd.core.alert.internal;

import java.time.Duration;

/** Dispatcher timing: leases, batches, backoff and give-up age. */
public record DispatchSettings(String leaseOwner, int batchSize, Duration leaseDuration, Duration initialBackoff,
    Duration maxBackoff, Duration maxAge, Duration dependencyWait) {

  /** {@code initialBackoff × 2^(attempts−1)}, capped at {@code maxBackoff}. */
  public Duration backoff(int attempts) {
    Duration wait = initialBackoff;
    for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
