package dev.cicd.store.jpa.internal.metrics;

import dev.cicd.core.metrics.NearestRank;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Exact nearest-rank p50 and p95 of one set of values for several groupings at once: one sort of all
 * values, then one walk that counts each group's values until its ranks are reached.
 */
final class GroupedPercentiles {
  private static final int INDEX_BITS = 23;
  private static final long MAX_PACKED_VALUE = 1L << (63 - INDEX_BITS);

  /** p50 and p95 per group of one grouping; null where a group has no values. */
  record Result(long[] count, @Nullable Long[] p50, @Nullable Long[] p95) {}

  private GroupedPercentiles() {}

  /**
   * @param values the values, all non-negative
   * @param groupOf for each grouping, the group of each value
   * @param groups for each grouping, the number of groups
   */
  static Result[] compute(LongList values, IntList[] groupOf, int[] groups) {
    int n = values.size();
    int[] order = sortedOrder(values);
    Result[] results = new Result[groupOf.length];
    int[][] rank50 = new int[groupOf.length][];
    int[][] rank95 = new int[groupOf.length][];
    int[][] seen = new int[groupOf.length][];
    for (int g = 0; g < groupOf.length; g++) {
      long[] count = new long[groups[g]];
      for (int i = 0; i < n; i++) {
        count[groupOf[g].get(i)]++;
      }
      rank50[g] = new int[groups[g]];
      rank95[g] = new int[groups[g]];
      for (int k = 0; k < groups[g]; k++) {
        rank50[g][k] = NearestRank.rank(50, count[k]);
        rank95[g][k] = NearestRank.rank(95, count[k]);
      }
      seen[g] = new int[groups[g]];
      results[g] = new Result(count, new Long[groups[g]], new Long[groups[g]]);
    }
    for (int i = 0; i < n; i++) {
      int at = order[i];
      long value = values.get(at);
      for (int g = 0; g < groupOf.length; g++) {
        int group = groupOf[g].get(at);
        int s = ++seen[g][group];
        if (s == rank50[g][group]) {
          results[g].p50()[group] = value;
        }
        if (s == rank95[g][group]) {
          results[g].p95()[group] = value;
        }
      }
    }
    return results;
  }

  /** Indexes of the values in ascending value order. */
  private static int[] sortedOrder(LongList values) {
    int n = values.size();
    boolean packable = n < (1 << INDEX_BITS);
    for (int i = 0; packable && i < n; i++) {
      packable = values.get(i) >= 0 && values.get(i) < MAX_PACKED_VALUE;
    }
    int[] order = new int[n];
    if (packable) {
      long[] packed = new long[n];
      for (int i = 0; i < n; i++) {
        packed[i] = (values.get(i) << INDEX_BITS) | i;
      }
      Arrays.sort(packed);
      for (int i = 0; i < n; i++) {
        order[i] = (int) (packed[i] & ((1 << INDEX_BITS) - 1));
      }
      return order;
    }
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> Long.compare(values.get(a), values.get(b)));
    for (int i = 0; i < n; i++) {
      order[i] = boxed[i];
    }
    return order;
  }
}
