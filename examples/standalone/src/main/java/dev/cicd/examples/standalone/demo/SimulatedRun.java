package dev.cicd.examples.standalone.demo;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.ingest.ProviderEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** One planned workflow run: the provider events GitHub would send for it, each at its time. */
record SimulatedRun(DemoCatalog.Pipeline pipeline, BuildId id, List<TimedEvent> events) {
  /** A provider event and when it happens. */
  record TimedEvent(Instant at, ProviderEvent event) {}

  SimulatedRun {
    events = events.stream().sorted(Comparator.comparing(TimedEvent::at)).toList();
  }

  Instant start() {
    return events.get(0).at();
  }

  Instant end() {
    return events.get(events.size() - 1).at();
  }
}
