package dev.cicd.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.store.StoreUnavailableException;
import dev.cicd.core.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Fail-fast while the store is unreachable ({@link StoreOutage} in {@link GroupCommit}), seen from callers of
 * {@link IngestionService#ingestDelivery}: the store below fails every batch and every availability check
 * while {@code down}; {@code ticker} is the time that spaces the probes.
 */
class StoreOutageTest {
  final InMemoryBuildStore memory = new InMemoryBuildStore();
  final AtomicInteger batchCalls = new AtomicInteger();
  final AtomicLong ticker = new AtomicLong(42);
  volatile boolean down;
  volatile boolean refuseBatch;
  volatile boolean saysUnavailable;
  final AtomicInteger availabilityChecks = new AtomicInteger();
  volatile CountDownLatch inBatch = new CountDownLatch(0);
  volatile CountDownLatch release = new CountDownLatch(0);

  final BuildStore store = InterceptedStore.of(memory, (method, args) -> {
        switch (method) {
          case "writeBatch" -> {
            batchCalls.incrementAndGet();
            inBatch.countDown();
            release.await(10, TimeUnit.SECONDS);
            if (down) {
              throw saysUnavailable ? new StoreUnavailableException("connection refused")
                  : new BuildStoreException("connection refused", null);
            }
            if (refuseBatch) {
              refuseBatch = false;
              throw new BuildStoreException("value too long for column", null);
            }
          }
          case "saveDeploymentStatus" -> {
            if (down) {
              throw new StoreUnavailableException("connection refused");
            }
          }
          case "checkAvailable" -> {
            availabilityChecks.incrementAndGet();
            if (down) {
              throw new BuildStoreException("connection refused", null);
            }
          }
          default -> { }
        }
      });
  final IngestionService ingestion = new IngestionService(store, MutableClock.at("2026-05-02T00:00:00Z"),
      IngestionService.DEFAULT_MAX_ATTEMPTS, ticker::get, 1);

  int n;

  List<IngestResult> deliver() {
    n++;
    return ingestion.ingestDelivery(DeliveryKey.of("d-" + n), List.of(GroupCommitTest.job(1, 100 + n)));
  }

  void failOnce() {
    down = true;
    assertThatThrownBy(this::deliver).isInstanceOf(BuildStoreException.class).hasMessageContaining("connection refused");
    assertThat(batchCalls.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("once a batch failed with the store unreachable, deliveries fail at once without reaching the store")
  void failsFastWhileUnreachable() {
    failOnce();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(this::deliver).isInstanceOf(BuildStoreException.class)
          .hasMessageContaining("unreachable").hasMessageContaining("connection refused");
    }
    assertThat(batchCalls.get()).as("batches written").isEqualTo(1);
    assertThat(memory.hasDelivery(DeliveryKey.of("d-2"))).isFalse();
  }

  @Test
  @DisplayName("a second after the failure one delivery probes the store; once it is stored, deliveries go through")
  void probeRecovers() {
    failOnce();
    down = false;
    ticker.addAndGet(StoreOutage.PROBE_INTERVAL_NANOS - 1);
    assertThatThrownBy(this::deliver).as("before the interval").isInstanceOf(BuildStoreException.class);
    assertThat(batchCalls.get()).isEqualTo(1);
    ticker.incrementAndGet();
    assertThat(deliver()).extracting(IngestResult::outcome).containsExactly(IngestOutcome.CREATED);
    assertThat(deliver()).extracting(IngestResult::outcome).containsExactly(IngestOutcome.UPDATED);
    assertThat(batchCalls.get()).isEqualTo(3);
    assertThat(memory.find(BuildId.github("o/r", 1)).orElseThrow().jobs()).hasSize(2);
  }

  @Test
  @DisplayName("a probe that fails keeps deliveries failing fast for another interval")
  void failedProbeWaitsAnotherInterval() {
    failOnce();
    ticker.addAndGet(StoreOutage.PROBE_INTERVAL_NANOS);
    assertThatThrownBy(this::deliver).hasMessageContaining("connection refused");
    assertThat(batchCalls.get()).as("the probe reached the store").isEqualTo(2);
    assertThatThrownBy(this::deliver).hasMessageContaining("unreachable");
    assertThat(batchCalls.get()).isEqualTo(2);
    ticker.addAndGet(StoreOutage.PROBE_INTERVAL_NANOS);
    down = false;
    assertThat(deliver()).extracting(IngestResult::outcome).containsExactly(IngestOutcome.CREATED);
  }

  @Test
  @DisplayName("while one delivery probes the store, the others fail at once")
  void oneProbeAtATime() throws Exception {
    failOnce();
    ticker.addAndGet(StoreOutage.PROBE_INTERVAL_NANOS);
    down = false;
    inBatch = new CountDownLatch(1);
    release = new CountDownLatch(1);
    CompletableFuture<List<IngestResult>> probe = CompletableFuture.supplyAsync(() -> ingestion.ingestDelivery(
        DeliveryKey.of("probe"), List.of(GroupCommitTest.job(1, 1))));
    assertThat(inBatch.await(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(this::deliver).hasMessageContaining("unreachable");
    release.countDown();
    assertThat(probe.get(10, TimeUnit.SECONDS)).extracting(IngestResult::outcome)
        .containsExactly(IngestOutcome.CREATED);
    assertThat(batchCalls.get()).isEqualTo(2);
    assertThat(deliver()).extracting(IngestResult::outcome).containsExactly(IngestOutcome.UPDATED);
  }

  @Test
  @DisplayName("a batch refused by a reachable store does not stop the next deliveries")
  void refusalIsNotAnOutage() {
    refuseBatch = true;
    assertThat(deliver()).as("stored one by one after the refused batch").extracting(IngestResult::outcome)
        .containsExactly(IngestOutcome.CREATED);
    assertThat(deliver()).extracting(IngestResult::outcome).containsExactly(IngestOutcome.UPDATED);
    assertThat(batchCalls.get()).isEqualTo(2);
  }

  @Test
  @DisplayName("a store that says it is unavailable is not asked again before deliveries fail fast")
  void unavailableNeedsNoCheck() {
    saysUnavailable = true;
    failOnce();
    assertThatThrownBy(this::deliver).hasMessageContaining("unreachable");
    assertThat(availabilityChecks.get()).isZero();
    assertThat(batchCalls.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("a failure the store does not call unavailable opens the breaker only when the availability check fails")
  void plainFailureIsCheckedFirst() {
    failOnce();
    assertThat(availabilityChecks.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("a health check fails at once while deliveries fail fast, without asking the store")
  void healthFailsFastWhileUnreachable() {
    failOnce();
    int checks = availabilityChecks.get();
    assertThatThrownBy(ingestion::checkStoreAvailable).isInstanceOf(BuildStoreException.class)
        .hasMessageContaining("unreachable").hasMessageContaining("connection refused");
    assertThat(availabilityChecks.get()).as("checks that reached the store").isEqualTo(checks);
  }

  @Test
  @DisplayName("a health check probes the store once per interval: a failed one keeps deliveries failing fast")
  void failedHealthProbeKeepsTheBreakerOpen() {
    failOnce();
    int checks = availabilityChecks.get();
    ticker.addAndGet(StoreOutage.PROBE_INTERVAL_NANOS);
    assertThatThrownBy(ingestion::checkStoreAvailable).hasMessageContaining("connection refused")
        .hasMessageNotContaining("unreachable");
    assertThat(availabilityChecks.get()).as("the health probe reached the store").isEqualTo(checks + 1);
    assertThatThrownBy(this::deliver).hasMessageContaining("unreachable");
    assertThat(batchCalls.get()).as("no delivery probed right after the health probe").isEqualTo(1);
  }

  @Test
  @DisplayName("a health check that reaches the store closes the breaker; while the store is up every check asks it")
  void healthProbeRecovers() {
    assertThatCode(ingestion::checkStoreAvailable).doesNotThrowAnyException();
    assertThatCode(ingestion::checkStoreAvailable).doesNotThrowAnyException();
    assertThat(availabilityChecks.get()).isEqualTo(2);
    failOnce();
    down = false;
    ticker.addAndGet(StoreOutage.PROBE_INTERVAL_NANOS);
    assertThatCode(ingestion::checkStoreAvailable).doesNotThrowAnyException();
    assertThat(deliver()).extracting(IngestResult::outcome).containsExactly(IngestOutcome.CREATED);
  }

  @Test
  @DisplayName("a health check that fails while deliveries flow opens the breaker")
  void failedHealthCheckOpensTheBreaker() {
    down = true;
    assertThatThrownBy(ingestion::checkStoreAvailable).hasMessageContaining("connection refused");
    assertThatThrownBy(this::deliver).hasMessageContaining("unreachable");
    assertThat(batchCalls.get()).isZero();
  }

  @Test
  @DisplayName("a delivery stored on its own (deployment status) that finds the store unavailable opens the breaker")
  void loneDeliveryOpensTheBreaker() {
    down = true;
    DeploymentStatus status = new DeploymentStatus("github", "o/r", 1, 2, "production", DeploymentState.SUCCESS,
        null, null, Instant.parse("2026-05-01T10:00:00Z"), null, null);
    assertThatThrownBy(() -> ingestion.ingestDelivery(DeliveryKey.of("deploy"), List.of(new DeploymentUpdate(status))))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(this::deliver).hasMessageContaining("unreachable");
    assertThat(batchCalls.get()).as("batches written after the deployment status failed").isZero();
  }
}
