package dev.cicd.core.ingest;

import java.util.List;

/** One delivery waiting in a {@link GroupCommit} queue, and then its results. Created by the caller's thread. */
final class Pending extends Waiter<List<IngestResult>> {
  final DeliveryKey key;
  final List<? extends ProviderEvent> events;
  /** Admitted to probe an unreachable store ({@link StoreOutage#admit()}): written even while it is down. */
  final boolean probe;

  Pending(DeliveryKey key, List<? extends ProviderEvent> events, boolean probe) {
    this.key = key;
    this.events = events;
    this.probe = probe;
  }

  @Override
  String describe() {
    return "delivery " + key.asString();
  }
}
