package dev.cicd.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IngestionServiceTest {
  static final Instant T = Instant.parse("2026-05-01T10:00:00Z");
  final InMemoryBuildStore store = new InMemoryBuildStore();
  final IngestionService ingestion = IngestionService.create(store, MutableClock.at("2026-05-02T00:00:00Z"));
  final List<BuildChange> changes = new ArrayList<>();
  final List<DeploymentStatus> deployments = new ArrayList<>();

  IngestionServiceTest() {
    ingestion.addListener(new IngestListener() {
      @Override
      public void onBuildChanged(BuildChange change) {
        changes.add(change);
      }

      @Override
      public void onDeploymentStatus(DeploymentStatus status) {
        deployments.add(status);
      }
    });
  }

  RunUpdate.Builder run(BuildStatus status) {
    return RunUpdate.builder(BuildId.github("o/r", 1)).workflowName("CI").status(status).createdAt(T).startedAt(T);
  }

  @Test
  @DisplayName("a merge that keeps losing version races backs off between tries instead of retrying at once")
  void backsOffAfterLostRaces() {
    java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger(10);
    dev.cicd.core.store.BuildStore losing = (dev.cicd.core.store.BuildStore) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {dev.cicd.core.store.BuildStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("save") && conflicts.getAndDecrement() > 0) {
            throw new dev.cicd.core.store.ConcurrentBuildModificationException(((Build) args[0]).id(), (long) args[1]);
          }
          try {
            return method.invoke(store, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    IngestionService retrying = IngestionService.create(losing, MutableClock.at("2026-05-02T00:00:00Z"));
    ingestion.ingest(RunUpdate.builder(BuildId.github("o/warm-up", 1)).workflowName("CI")
        .status(BuildStatus.IN_PROGRESS).createdAt(T).startedAt(T).build()); // code paths loaded before timing

    long started = System.nanoTime();
    IngestResult result = retrying.ingest(run(BuildStatus.IN_PROGRESS).build());
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(result.outcome()).isEqualTo(IngestOutcome.CREATED);
    assertThat(store.find(BuildId.github("o/r", 1))).isPresent();
    // ten random waits of up to 2, 4, ... 64 ms: about 190 ms expected, under 15 ms with odds of about 1 in 10^5;
    // retrying at once takes well under a millisecond
    assertThat(millis).isGreaterThanOrEqualTo(15);
  }

  @Test
  @DisplayName("listeners hear real changes only, and learn when a build completed")
  void listenersOnlyOnChange() {
    ingestion.ingest(run(BuildStatus.QUEUED).updatedAt(T).build());
    ingestion.ingest(run(BuildStatus.QUEUED).updatedAt(T).build());
    ingestion.ingest(run(BuildStatus.COMPLETED).conclusion(Conclusion.FAILURE).updatedAt(T.plusSeconds(9)).build());
    ingestion.ingest(run(BuildStatus.IN_PROGRESS).updatedAt(T.plusSeconds(3)).build());
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).before()).isNull();
    assertThat(changes.get(0).completedNow()).isFalse();
    assertThat(changes.get(1).completedNow()).isTrue();
  }

  @Test
  @DisplayName("a failing listener neither stops ingestion nor other listeners")
  void failingListenerIsolated() {
    List<BuildChange> after = new ArrayList<>();
    IngestionService service = IngestionService.create(store, MutableClock.at("2026-05-02T00:00:00Z"));
    service.addListener(change -> {
      throw new IllegalStateException("boom");
    });
    service.addListener(after::add);
    IngestResult result = service.ingest(run(BuildStatus.QUEUED).updatedAt(T).build());
    assertThat(result.outcome()).isEqualTo(IngestOutcome.CREATED);
    assertThat(after).hasSize(1);
  }

  @Test
  @DisplayName("a delivery with several events applies them all and is then a duplicate")
  void deliveryWithSeveralEvents() {
    DeliveryKey key = new DeliveryKey("1", "guid");
    Job job = new Job(5, 1, "build", BuildStatus.QUEUED, null, T, null, null, null, null, List.of(), List.of(), null);
    List<IngestResult> results = ingestion.ingestDelivery(key,
        List.of(run(BuildStatus.QUEUED).updatedAt(T).build(), new JobUpdate(BuildId.github("o/r", 1), job, "CI", null, null)));
    assertThat(results).extracting(IngestResult::outcome).containsExactly(IngestOutcome.CREATED, IngestOutcome.UPDATED);
    assertThat(ingestion.ingestDelivery(key, List.of(run(BuildStatus.COMPLETED).updatedAt(T.plusSeconds(5)).build())))
        .extracting(IngestResult::outcome).containsExactly(IngestOutcome.DUPLICATE);
    assertThat(store.find(BuildId.github("o/r", 1)).orElseThrow().status()).isEqualTo(BuildStatus.QUEUED);
  }

  @Test
  @DisplayName("a deployment status is stored once and announced once")
  void deployments() {
    DeploymentStatus status = new DeploymentStatus("github", "o/r", 1, 2, "production", DeploymentState.SUCCESS,
        "abc", "main", T, null, null);
    assertThat(ingestion.ingest(new DeploymentUpdate(status)).outcome()).isEqualTo(IngestOutcome.CREATED);
    assertThat(ingestion.ingest(new DeploymentUpdate(status)).outcome()).isEqualTo(IngestOutcome.UNCHANGED);
    assertThat(deployments).containsExactly(status);
  }

  @Test
  @DisplayName("job reports queued, waiting, queued in any order follow their timestamps and never stick")
  void jobSequenceFollowsTimestamps() {
    BuildId id = BuildId.github("o/r", 1);
    Job queued = new Job(5, 1, "deploy", BuildStatus.QUEUED, null, T, null, null, null, null, List.of(), List.of(), null);
    Job waiting = new Job(5, 1, "deploy", BuildStatus.WAITING, null, T, null, null, null, null, List.of(), List.of(), null);
    Job running = new Job(5, 1, "deploy", BuildStatus.IN_PROGRESS, null, T, T.plusSeconds(90), null, "r1", null,
        List.of(), List.of(), null);
    for (Job j : List.of(running, queued, waiting, queued)) {
      ingestion.ingest(new JobUpdate(id, j, "CI", "main", null));
    }
    Job stored = store.find(id).orElseThrow().jobs().get(0);
    assertThat(stored.status()).isEqualTo(BuildStatus.IN_PROGRESS);
    assertThat(stored.queueMs()).isEqualTo(90_000L);
  }

  @Test
  @DisplayName("a job report without created_at keeps the created_at an earlier report gave")
  void jobFieldsFilledFromEarlierReports() {
    BuildId id = BuildId.github("o/r", 1);
    Job queued = new Job(5, 1, "build", BuildStatus.QUEUED, null, T, null, null, null, null, List.of("linux"), List.of(), null);
    Job completedFromRest = new Job(5, 1, "build", BuildStatus.COMPLETED, Conclusion.SUCCESS, null, T.plusSeconds(30),
        T.plusSeconds(90), "r1", "Default", List.of(), List.of(), null);
    ingestion.ingest(new JobUpdate(id, completedFromRest, "CI", "main", null));
    ingestion.ingest(new JobUpdate(id, queued, "CI", "main", null));
    Job stored = store.find(id).orElseThrow().jobs().get(0);
    assertThat(stored.status()).isEqualTo(BuildStatus.COMPLETED);
    assertThat(stored.createdAt()).isEqualTo(T);
    assertThat(stored.labels()).containsExactly("linux");
    assertThat(stored.queueMs()).isEqualTo(30_000L);
  }

  @Test
  @DisplayName("a queued job whose report carries started_at = created_at (as GitHub sends it) has not started")
  void queuedJobHasNotStarted() {
    BuildId id = BuildId.github("o/r", 1);
    Job queued = new Job(5, 1, "build", BuildStatus.QUEUED, null, T, T, null, null, null, List.of(), List.of(), null);
    ingestion.ingest(new JobUpdate(id, queued, "CI", "main", null));
    var build = store.find(id).orElseThrow();
    assertThat(build.jobs().get(0).startedAt()).isNull();
    assertThat(build.jobs().get(0).queueMs()).isNull();
    assertThat(build.status()).as("placeholder attempt known only from a queued job").isEqualTo(BuildStatus.QUEUED);
  }
}
