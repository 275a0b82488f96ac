package dev.cicd.http.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-client token buckets (Bucket4j): {@code perMinute} requests a minute, refilled greedily. The
 * bucket map is bounded (least recently used clients are forgotten), so a flood of new addresses
 * cannot exhaust memory. Time comes from the injected clock.
 */
public final class RateLimiter {
  static final int MAX_CLIENTS = 10_000;

  private final int perMinute;
  private final TimeMeter time;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_CLIENTS;
    }
  };

  public RateLimiter(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.time = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }

  /**
   * Takes one request from the client's bucket.
   *
   * @throws HttpProblem 429 with {@code Retry-After} when the bucket is empty
   */
  public void acquire(String clientKey) {
    if (perMinute == 0) {
      return;
    }
    Bucket bucket;
    synchronized (buckets) {
      bucket = buckets.computeIfAbsent(clientKey, k -> newBucket());
    }
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
      throw HttpProblem.tooManyRequests(seconds);
    }
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .withCustomTimePrecision(time)
        .build();
  }
}
