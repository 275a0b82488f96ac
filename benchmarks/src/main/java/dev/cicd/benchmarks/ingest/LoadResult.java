package dev.cicd.benchmarks.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one load run saw: answers by kind, I/O errors, the achieved rate of stored deliveries and
 * nearest-rank latency percentiles in microseconds.
 */
public record LoadResult(long stored, long duplicate, long unavailable, long otherStatus, long errors,
    double seconds, long p50Micros, long p99Micros, long maxMicros) {

  /** Stored deliveries per second. */
  public double rate() {
    return stored / seconds;
  }

  public long answered() {
    return stored + duplicate + unavailable + otherStatus;
  }

  static LoadResult of(List<Tally> tallies, double seconds) {
    long stored = 0;
    long duplicate = 0;
    long unavailable = 0;
    long other = 0;
    long errors = 0;
    int size = 0;
    for (Tally t : tallies) {
      stored += t.stored;
      duplicate += t.duplicate;
      unavailable += t.unavailable;
      other += t.other;
      errors += t.errors;
      size += t.count;
    }
    long[] all = new long[size];
    int at = 0;
    for (Tally t : tallies) {
      System.arraycopy(t.latencies, 0, all, at, t.count);
      at += t.count;
    }
    Arrays.sort(all);
    return new LoadResult(stored, duplicate, unavailable, other, errors, seconds, rank(all, 50), rank(all, 99),
        size == 0 ? 0 : all[size - 1]);
  }

  private static long rank(long[] sorted, int percentile) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.0f stored/s (%d stored, %d duplicate, %d 503, %d other, %d I/O errors in "
        + "%.1f s), p50 %.2f ms, p99 %.2f ms, max %.1f ms", rate(), stored, duplicate, unavailable, otherStatus, errors,
        seconds, p50Micros / 1e3, p99Micros / 1e3, maxMicros / 1e3);
  }

  /** One sending thread's counts; not thread-safe. */
  static final class Tally {
    private long[] latencies = new long[4096];
    private int count;
    private long stored;
    private long duplicate;
    private long unavailable;
    private long other;
    private long errors;

    void record(int status, boolean isStored, long micros) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = micros;
      if (isStored) {
        stored++;
      } else if (status == 200) {
        duplicate++;
      } else if (status == 503) {
        unavailable++;
      } else {
        other++;
      }
    }

    void error() {
      errors++;
    }
  }
}
