package dev.cicd.store.jpa.internal.metrics;

import java.util.Arrays;

/** A growable array of ints. */
final class IntList {
  private int[] values = new int[256];
  private int size;

  void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  int get(int i) {
    return values[i];
  }

  int size() {
    return size;
  }
}
