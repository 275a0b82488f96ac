package dev.cicd.store.jpa.internal.metrics;

import java.util.Arrays;

/** A growable array of longs. */
final class LongList {
  private long[] values = new long[256];
  private int size;

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  long get(int i) {
    return values[i];
  }

  int size() {
    return size;
  }

  long[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
