package dev.cicd.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.testing.HistoryGenerator;
import dev.cicd.core.testing.MutableClock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Property: any permutation of a build's events, with duplicates, ends in the same state. */
class ConvergenceTest {
  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("random permutations with duplicates converge to the in-order state")
  void permutationsConverge(long seed) {
    List<ProviderEvent> events = new HistoryGenerator(seed, Duration.ofDays(5), true).builds(3);
    MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
    InMemoryBuildStore inOrder = new InMemoryBuildStore();
    IngestionService reference = IngestionService.create(inOrder, clock);
    events.forEach(reference::ingest);
    for (int shuffle = 0; shuffle < 5; shuffle++) {
      InMemoryBuildStore shuffled = new InMemoryBuildStore();
      IngestionService ingestion = IngestionService.create(shuffled, clock);
      HistoryGenerator.shuffledWithDuplicates(events, seed * 31 + shuffle, 0.5).forEach(ingestion::ingest);
      for (BuildId id : ids(events)) {
        Build expected = inOrder.find(id).orElseThrow();
        assertThat(shuffled.find(id).orElseThrow().withVersion(0))
            .as("seed %d shuffle %d build %s", seed, shuffle, id).isEqualTo(expected.withVersion(0));
      }
    }
  }

  static Set<BuildId> ids(List<ProviderEvent> events) {
    Set<BuildId> ids = new LinkedHashSet<>();
    for (ProviderEvent e : events) {
      if (e instanceof RunUpdate r) {
        ids.add(r.id());
      } else if (e instanceof JobUpdate j) {
        ids.add(j.buildId());
      }
    }
    return ids;
  }
}
