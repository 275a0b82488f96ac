package dev.cicd.core.store;

import static dev.cicd.core.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class BookkeepingContract {
  abstract BuildStore store();

  @Test
  @DisplayName("a delivery is recorded once; hook id and delivery id together are the key")
  void deliveries() {
    DeliveryKey key = new DeliveryKey("292430182", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
    assertThat(store().hasDelivery(key)).isFalse();
    assertThat(store().recordDelivery(key, T0)).isTrue();
    assertThat(store().recordDelivery(key, T0)).isFalse();
    assertThat(store().hasDelivery(key)).isTrue();
    assertThat(store().hasDelivery(DeliveryKey.of(key.deliveryId()))).isFalse();
    assertThat(store().recordDelivery(DeliveryKey.of(key.deliveryId()), T0)).isTrue();
  }

  @Test
  @DisplayName("of concurrent records of one delivery exactly one wins")
  void concurrentDeliveries() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> store().recordDelivery(DeliveryKey.of("same-guid"), T0));
      }
      long winners = 0;
      for (Future<Boolean> f : pool.invokeAll(calls)) {
        winners += f.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("deployment statuses are stored once and listed oldest first per repository")
  void deployments() {
    DeploymentStatus a = new DeploymentStatus("github", "o/r", 1, 10, "production", DeploymentState.SUCCESS,
        "abc", "main", T0.plusSeconds(10), "octocat", "https://example.com/d/1");
    DeploymentStatus b = new DeploymentStatus("github", "o/r", 1, 9, "production", DeploymentState.IN_PROGRESS,
        "abc", "main", T0, null, null);
    DeploymentStatus other = new DeploymentStatus("github", "o/other", 2, 11, "staging", DeploymentState.FAILURE,
        null, null, T0, null, null);
    assertThat(store().saveDeploymentStatus(a)).isTrue();
    assertThat(store().saveDeploymentStatus(a)).isFalse();
    assertThat(store().saveDeploymentStatus(b)).isTrue();
    assertThat(store().saveDeploymentStatus(other)).isTrue();
    assertThat(store().deploymentStatuses("o/r")).containsExactly(b, a);
    assertThat(store().deploymentStatuses(null)).hasSize(3);
  }

  @Test
  @DisplayName("retention deletes only builds completed before the cutoff, in bounded batches")
  void retention() {
    IngestionService ingestion = IngestionService.create(store(), MutableClock.at("2026-06-01T00:00:00Z"));
    for (int i = 0; i < 7; i++) {
      ingestion.ingest(Fixtures.completed("o/r", i, 1, Conclusion.SUCCESS, T0.plusSeconds(3600L * i), 60));
      ingestion.ingest(Fixtures.job("o/r", i, 100 + i, 1, BuildStatus.COMPLETED, Conclusion.SUCCESS,
          T0.plusSeconds(3600L * i), T0.plusSeconds(3600L * i + 5), T0.plusSeconds(3600L * i + 50)));
    }
    ingestion.ingest(Fixtures.run("o/r", 99).createdAt(T0).status(BuildStatus.IN_PROGRESS).startedAt(T0).build());
    var cutoff = T0.plusSeconds(3600L * 5);
    assertThat(store().deleteCompletedBefore(cutoff, 3)).isEqualTo(3);
    assertThat(store().deleteCompletedBefore(cutoff, 3)).isEqualTo(2);
    assertThat(store().deleteCompletedBefore(cutoff, 3)).isZero();
    assertThat(store().count()).isEqualTo(3);
    assertThat(store().find(BuildId.github("o/r", 99))).isPresent();
    assertThat(store().find(BuildId.github("o/r", 5))).isPresent();
    assertThat(store().find(BuildId.github("o/r", 0))).isEmpty();
  }
}
