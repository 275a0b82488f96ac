package dev.cicd.store.jpa.internal.metrics;

import java.util.Arrays;

/** Builds in total, successful and failed (by the query's policy) per group. */
final class GroupCounts {
  long[] total = new long[16];
  long[] success = new long[16];
  long[] failed = new long[16];

  void add(int group, boolean isSuccess, boolean isFailure) {
    if (group >= total.length) {
      int size = Math.max(group + 1, total.length * 2);
      total = Arrays.copyOf(total, size);
      success = Arrays.copyOf(success, size);
      failed = Arrays.copyOf(failed, size);
    }
    total[group]++;
    if (isSuccess) {
      success[group]++;
    } else if (isFailure) {
      failed[group]++;
    }
  }

  long total(int group) {
    return group < total.length ? total[group] : 0;
  }

  long success(int group) {
    return group < success.length ? success[group] : 0;
  }

  long failed(int group) {
    return group < failed.length ? failed[group] : 0;
  }
}
