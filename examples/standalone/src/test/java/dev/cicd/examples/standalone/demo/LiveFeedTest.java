package dev.cicd.examples.standalone.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.testing.MutableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LiveFeedTest {
  @Test
  @DisplayName("the live feed starts runs every few seconds and reports them queued, running and completed")
  void feedMoves() {
    MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
    InMemoryBuildStore store = new InMemoryBuildStore();
    IngestionService ingestion = IngestionService.create(store, clock);
    Map<String, Set<BuildStatus>> seen = new HashMap<>();
    ingestion.addListener(change -> seen.computeIfAbsent(change.after().id().asString(), id -> new HashSet<>())
        .add(change.after().status()));
    LiveFeed feed = new LiveFeed(ingestion, new RunPlanner(new Random(7), new DemoIds(1_000)), new Random(8), clock);

    for (int i = 0; i < 600; i++) {
      feed.tick();
      clock.advance(LiveFeed.TICK);
    }

    assertThat(feed.started()).as("runs started in 20 minutes").isBetween(40L, 300L);
    assertThat(store.count()).isEqualTo(feed.started());
    assertThat(seen.values()).as("every run was seen queued, then running, then completed")
        .allMatch(statuses -> statuses.contains(BuildStatus.QUEUED) || statuses.contains(BuildStatus.IN_PROGRESS))
        .anyMatch(statuses -> statuses.containsAll(Set.of(BuildStatus.QUEUED, BuildStatus.IN_PROGRESS,
            BuildStatus.COMPLETED)));
    long completed = store.list(BuildQuery.builder().status(BuildStatus.COMPLETED).limit(200).build()).items().size();
    assertThat(completed).as("runs go faster than life, so most have completed").isGreaterThan(30);
    Build first = store.list(BuildQuery.builder().limit(200).build()).items().stream()
        .filter(b -> b.status() == BuildStatus.COMPLETED).findFirst().orElseThrow();
    assertThat(Duration.between(first.createdAt(), first.completedAt())).isLessThan(Duration.ofMinutes(15));
  }
}
