package dev.cicd.store.jpa.internal.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Least-recently-used {@link DayBlock}s of settled days, bounded by their total rows. A block is used
 * only while its day's version and the retention epoch in table {@code build_day} are unchanged, so
 * every instance sharing the database sees every change. Thread-safe.
 */
public final class DayCache {
  private final int capacity;
  private final LinkedHashMap<Long, DayBlock> blocks = new LinkedHashMap<>(64, 0.75f, true);
  private long weight;

  /** @param capacity most rows (builds plus jobs) kept; 0 disables the cache */
  public DayCache(int capacity) {
    this.capacity = capacity;
  }

  boolean enabled() {
    return capacity > 0;
  }

  /** The block of {@code day} if it is cached at this version and epoch. */
  synchronized @Nullable DayBlock get(long day, long version, long epoch) {
    DayBlock block = blocks.get(day);
    return block != null && block.version == version && block.epoch == epoch ? block : null;
  }

  synchronized void put(DayBlock block) {
    if (block.weight() > capacity) {
      return;
    }
    DayBlock old = blocks.put(block.day, block);
    weight += block.weight() - (old == null ? 0 : old.weight());
    var it = blocks.entrySet().iterator();
    while (weight > capacity && it.hasNext()) {
      Map.Entry<Long, DayBlock> eldest = it.next();
      if (eldest.getValue() != block) {
        weight -= eldest.getValue().weight();
        it.remove();
      }
    }
  }

  synchronized int days() {
    return blocks.size();
  }
}
