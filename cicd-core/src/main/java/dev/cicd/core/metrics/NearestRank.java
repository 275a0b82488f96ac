package dev.cicd.core.metrics;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Exact nearest-rank percentiles: the p-th percentile of n sorted values is the value at rank ceil(p/100 × n). */
public final class NearestRank {
  private NearestRank() {}

  /** The 1-based rank of the p-th percentile among n values (0 when n is 0). */
  public static int rank(int percentile, long n) {
    if (percentile < 1 || percentile > 100) {
      throw new IllegalArgumentException("percentile must be between 1 and 100, but was " + percentile);
    }
    return (int) ((percentile * n + 99) / 100);
  }

  /** Percentile of values already sorted ascending; null when empty. */
  public static @Nullable Long ofSorted(long[] sorted, int percentile) {
    if (sorted.length == 0) {
      return null;
    }
    return sorted[rank(percentile, sorted.length) - 1];
  }

  /** Percentile of unsorted values (the array is sorted in place); null when empty. */
  public static @Nullable Long of(long[] values, int percentile) {
    Arrays.sort(values);
    return ofSorted(values, percentile);
  }

  /** Arithmetic mean; null when empty. */
  public static @Nullable Double mean(long[] values) {
    if (values.length == 0) {
      return null;
    }
    long sum = 0;
    for (long v : values) {
      sum += v;
    }
    return (double) sum / values.length;
  }

  /** {@code numerator / denominator}, or null when the denominator is 0. */
  public static @Nullable Double ratio(long numerator, long denominator) {
    return denominator == 0 ? null : (double) numerator / denominator;
  }
}
