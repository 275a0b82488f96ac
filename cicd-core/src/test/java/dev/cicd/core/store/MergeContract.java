package dev.cicd.core.store;

import static dev.cicd.core.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.ingest.IngestOutcome;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class MergeContract {
  abstract BuildStore store();

  private IngestionService ingestion() {
    return IngestionService.create(store(), MutableClock.at("2026-05-02T00:00:00Z"));
  }

  @Test
  @DisplayName("a late in_progress never overwrites completed of the same attempt")
  void completedBeforeInProgress() {
    IngestionService ingestion = ingestion();
    RunUpdate completed = Fixtures.completed("o/r", 1, 1, Conclusion.SUCCESS, T0, 300);
    RunUpdate inProgress = Fixtures.run("o/r", 1).status(BuildStatus.IN_PROGRESS).startedAt(T0).updatedAt(T0.plusSeconds(5)).build();
    assertThat(ingestion.ingest(completed).outcome()).isEqualTo(IngestOutcome.CREATED);
    assertThat(ingestion.ingest(inProgress).outcome()).isEqualTo(IngestOutcome.UNCHANGED);
    Build build = store().find(completed.id()).orElseThrow();
    assertThat(build.status()).isEqualTo(BuildStatus.COMPLETED);
    assertThat(build.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(build.durationMs()).isEqualTo(300_000L);
  }

  @Test
  @DisplayName("a re-run becomes the current state and earlier attempts stay queryable")
  void rerunBecomesCurrent() {
    IngestionService ingestion = ingestion();
    ingestion.ingest(Fixtures.completed("o/r", 2, 1, Conclusion.FAILURE, T0, 100));
    RunUpdate second = Fixtures.run("o/r", 2).attempt(2).status(BuildStatus.IN_PROGRESS)
        .startedAt(T0.plusSeconds(600)).updatedAt(T0.plusSeconds(601)).build();
    assertThat(ingestion.ingest(second).outcome()).isEqualTo(IngestOutcome.UPDATED);
    Build build = store().find(second.id()).orElseThrow();
    assertThat(build.attemptNumber()).isEqualTo(2);
    assertThat(build.status()).isEqualTo(BuildStatus.IN_PROGRESS);
    assertThat(build.conclusion()).isNull();
    assertThat(build.attempt(1).orElseThrow().conclusion()).isEqualTo(Conclusion.FAILURE);
    // a late report of attempt 1 does not take the build back
    ingestion.ingest(Fixtures.run("o/r", 2).status(BuildStatus.IN_PROGRESS).startedAt(T0).updatedAt(T0.plusSeconds(3)).build());
    assertThat(store().find(second.id()).orElseThrow().attemptNumber()).isEqualTo(2);
  }

  @Test
  @DisplayName("a job reported before its run creates a placeholder that the run report completes")
  void jobBeforeRun() {
    IngestionService ingestion = ingestion();
    var job = Fixtures.job("o/r", 3, 11, 1, BuildStatus.IN_PROGRESS, null, T0, T0.plusSeconds(20), null);
    assertThat(ingestion.ingest(job).outcome()).isEqualTo(IngestOutcome.CREATED);
    Build placeholder = store().find(BuildId.github("o/r", 3)).orElseThrow();
    assertThat(placeholder.isPlaceholder()).isTrue();
    assertThat(placeholder.status()).isEqualTo(BuildStatus.IN_PROGRESS);
    assertThat(placeholder.workflow().name()).isEqualTo("CI");
    ingestion.ingest(Fixtures.completed("o/r", 3, 1, Conclusion.SUCCESS, T0, 60));
    Build build = store().find(BuildId.github("o/r", 3)).orElseThrow();
    assertThat(build.isPlaceholder()).isFalse();
    assertThat(build.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(build.title()).isEqualTo("Fix the thing");
    assertThat(build.jobs()).singleElement().satisfies(j -> assertThat(j.queueMs()).isEqualTo(20_000L));
  }

  @Test
  @DisplayName("the same delivery id again is a duplicate and changes nothing")
  void duplicateDelivery() {
    IngestionService ingestion = ingestion();
    DeliveryKey key = new DeliveryKey("123", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
    RunUpdate queued = Fixtures.run("o/r", 4).status(BuildStatus.QUEUED).updatedAt(T0).build();
    assertThat(ingestion.ingest(queued, key).outcome()).isEqualTo(IngestOutcome.CREATED);
    RunUpdate completed = Fixtures.completed("o/r", 4, 1, Conclusion.FAILURE, T0, 10);
    assertThat(ingestion.ingest(completed, key).outcome()).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(store().find(queued.id()).orElseThrow().status()).isEqualTo(BuildStatus.QUEUED);
    assertThat(ingestion.ingest(completed, new DeliveryKey("456", key.deliveryId())).outcome())
        .as("the same delivery id from another hook is a different delivery").isEqualTo(IngestOutcome.UPDATED);
  }

  @Test
  @DisplayName("the same report again reports unchanged and keeps the version")
  void sameReportUnchanged() {
    IngestionService ingestion = ingestion();
    RunUpdate completed = Fixtures.completed("o/r", 5, 1, Conclusion.SUCCESS, T0, 10);
    ingestion.ingest(completed);
    assertThat(ingestion.ingest(completed).outcome()).isEqualTo(IngestOutcome.UNCHANGED);
    assertThat(ingestion.ingestDelivery(DeliveryKey.of("d-5"), List.of(completed))).singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(IngestOutcome.UNCHANGED));
    assertThat(store().find(completed.id()).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  @DisplayName("reports of the same status are ordered by the provider's updated_at")
  void laterUpdatedAtWins() {
    IngestionService ingestion = ingestion();
    RunUpdate later = Fixtures.run("o/r", 6).status(BuildStatus.COMPLETED).conclusion(Conclusion.SUCCESS)
        .startedAt(T0).updatedAt(T0.plusSeconds(50)).build();
    RunUpdate earlier = Fixtures.run("o/r", 6).status(BuildStatus.COMPLETED).conclusion(Conclusion.FAILURE)
        .startedAt(T0).updatedAt(T0.plusSeconds(40)).build();
    ingestion.ingest(later);
    ingestion.ingest(earlier);
    assertThat(store().find(later.id()).orElseThrow().conclusion()).isEqualTo(Conclusion.SUCCESS);
  }
}
