package dev.cicd.store.jpa.internal.metrics;

import java.util.Arrays;

/** Dense ids 0, 1, 2, ... for tuples of {@code arity} longs: an open-addressing hash map without boxing. */
final class KeyIndex {
  private final int arity;
  private long[] keys;
  private int[] slots;
  private int size;
  private int mask;

  KeyIndex(int arity) {
    this.arity = arity;
    this.mask = 255;
    this.slots = new int[mask + 1];
    Arrays.fill(slots, -1);
    this.keys = new long[64 * arity];
  }

  int size() {
    return size;
  }

  /** The key component {@code part} of id {@code id}. */
  long key(int id, int part) {
    return keys[id * arity + part];
  }

  int idOf(long a) {
    return idOf(a, 0, 0, 0);
  }

  int idOf(long a, long b) {
    return idOf(a, b, 0, 0);
  }

  int idOf(long a, long b, long c) {
    return idOf(a, b, c, 0);
  }

  /** The id of the tuple, or -1 when it has none (unused trailing parts must be 0). */
  int find(long a, long b, long c, long d) {
    int slot = slot(a, b, c, d);
    while (true) {
      int id = slots[slot];
      if (id < 0 || matches(id, a, b, c, d)) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
  }

  private int slot(long a, long b, long c, long d) {
    long h = a * 0x9E3779B97F4A7C15L + b;
    h = h * 0x9E3779B97F4A7C15L + c;
    h = h * 0x9E3779B97F4A7C15L + d;
    return (int) (h ^ (h >>> 29) ^ (h >>> 41)) & mask;
  }

  /** The id of the tuple, assigned now if new (unused trailing parts must be 0). */
  int idOf(long a, long b, long c, long d) {
    int slot = slot(a, b, c, d);
    while (true) {
      int id = slots[slot];
      if (id < 0) {
        return insert(slot, a, b, c, d);
      }
      if (matches(id, a, b, c, d)) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
  }

  private boolean matches(int id, long a, long b, long c, long d) {
    int at = id * arity;
    return keys[at] == a && (arity < 2 || keys[at + 1] == b) && (arity < 3 || keys[at + 2] == c)
        && (arity < 4 || keys[at + 3] == d);
  }

  private int insert(int slot, long a, long b, long c, long d) {
    int id = size++;
    if ((id + 1) * arity > keys.length) {
      keys = Arrays.copyOf(keys, keys.length * 2);
    }
    long[] parts = {a, b, c, d};
    System.arraycopy(parts, 0, keys, id * arity, arity);
    slots[slot] = id;
    if (size * 2 > mask) {
      rehash();
    }
    return id;
  }

  private void rehash() {
    mask = mask * 2 + 1;
    slots = new int[mask + 1];
    Arrays.fill(slots, -1);
    int count = size;
    size = 0;
    long[] old = keys;
    keys = new long[old.length];
    for (int id = 0; id < count; id++) {
      int at = id * arity;
      idOf(old[at], arity > 1 ? old[at + 1] : 0, arity > 2 ? old[at + 2] : 0, arity > 3 ? old[at + 3] : 0);
    }
  }
}
