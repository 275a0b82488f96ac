package dev.cicd.core.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Group commit in several lanes that write at the same time, each with its own writer and transaction.
 * Every delivery of one build takes the same lane (chosen by the build's id), so deliveries of a build keep
 * their arrival order and still merge in memory within a batch, while a batch of other builds is written
 * meanwhile: one lane's writer works while the other waits for the database. Deliveries that cannot be
 * batched (deployment statuses) take the lane of their repository.
 */
final class WriteLanes {
  private final List<GroupCommit> lanes;

  WriteLanes(int count, Supplier<GroupCommit> lane) {
    if (count < 1) {
      throw new IllegalArgumentException("lanes must be at least 1, but was " + count);
    }
    List<GroupCommit> created = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      created.add(lane.get());
    }
    this.lanes = List.copyOf(created);
  }

  /** Stores one delivery in its lane; see {@link GroupCommit#ingest}. */
  List<IngestResult> ingest(DeliveryKey key, List<? extends ProviderEvent> events) {
    return lanes.get(laneOf(events, lanes.size())).ingest(key, events);
  }

  /** The lane of a delivery: by the build of its first run or job event, else by its first event's repository. */
  static int laneOf(List<? extends ProviderEvent> events, int count) {
    if (count == 1 || events.isEmpty()) {
      return 0;
    }
    ProviderEvent first = events.get(0);
    Object key = first instanceof RunUpdate || first instanceof JobUpdate ? BatchMerge.idOf(first) : first.repository();
    return Math.floorMod(key.hashCode(), count);
  }
}
