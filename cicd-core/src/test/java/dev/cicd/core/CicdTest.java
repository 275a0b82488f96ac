package dev.cicd.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.health.HealthReport;
import dev.cicd.core.health.HealthStatus;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.source.BuildSource;
import dev.cicd.core.source.SourceHealth;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.testing.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CicdTest {
  /** A source that reports one completed run per poll and a configurable health state. */
  static final class CountingSource implements BuildSource {
    final CountDownLatch polled = new CountDownLatch(2);
    volatile SourceHealth.State state = SourceHealth.State.UP;
    long runs;

    @Override
    public String provider() {
      return "github";
    }

    @Override
    public Duration pollInterval() {
      return Duration.ofMillis(20);
    }

    @Override
    public void poll(IngestionService ingestion) {
      runs++;
      ingestion.ingest(RunUpdate.builder(BuildId.github("o/r", runs)).workflowName("CI")
          .status(BuildStatus.COMPLETED).conclusion(Conclusion.SUCCESS).createdAt(Instant.parse("2026-01-01T00:00:00Z"))
          .startedAt(Instant.parse("2026-01-01T00:00:00Z")).updatedAt(Instant.parse("2026-01-01T00:01:00Z")).build());
      polled.countDown();
    }

    @Override
    public List<SourceHealth> health() {
      return List.of(new SourceHealth("github:o/r", state, state == SourceHealth.State.UP ? null : "GitHub rejected the token (401)",
          null, Map.of("rateLimitRemaining", "4999")));
    }
  }

  @Test
  @DisplayName("start polls every source on its interval and health reflects the sources")
  void startPollsAndReportsHealth() throws Exception {
    CountingSource source = new CountingSource();
    try (Cicd cicd = Cicd.builder().source(source).retention(null).build()) {
      assertThat(cicd.health().components().get("scheduler").status()).isEqualTo(HealthStatus.DEGRADED);
      cicd.start();
      assertThat(source.polled.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(cicd.store().count()).isGreaterThanOrEqualTo(2);
      HealthReport up = cicd.health();
      assertThat(up.status()).isEqualTo(HealthStatus.UP);
      assertThat(up.components()).containsKeys("store", "scheduler", "source:github");
      source.state = SourceHealth.State.DOWN;
      HealthReport down = cicd.health();
      assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
      assertThat(down.components().get("source:github").problem()).contains("401");
    }
  }

  @Test
  @DisplayName("the store's own health details join its component; a failing one leaves the store UP")
  void storeHealthDetails() {
    Map<String, Object> figures = Map.of("fileBytes", 123L);
    try (Cicd cicd = Cicd.builder().store(storeWithDetails(() -> figures)).retention(null).build()) {
      assertThat(cicd.health().components().get("store").details())
          .containsEntry("fileBytes", 123L).containsKey("type");
    }
    try (Cicd cicd = Cicd.builder().store(storeWithDetails(() -> {
      throw new IllegalStateException("no figures");
    })).retention(null).build()) {
      assertThat(cicd.health().components().get("store").status()).isEqualTo(HealthStatus.UP);
      assertThat(cicd.health().components().get("store").details()).containsOnlyKeys("type");
    }
  }

  /** An in-memory store whose {@code healthDetails()} come from {@code details}. */
  private static BuildStore storeWithDetails(Supplier<Map<String, Object>> details) {
    InMemoryBuildStore delegate = new InMemoryBuildStore();
    return (BuildStore) Proxy.newProxyInstance(BuildStore.class.getClassLoader(), new Class<?>[] {BuildStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("healthDetails")) {
            return details.get();
          }
          try {
            return method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  @DisplayName("retention deletes builds completed before now minus the retention period")
  void retention() {
    MutableClock clock = MutableClock.at("2026-01-10T00:00:00Z");
    InMemoryBuildStore store = new InMemoryBuildStore();
    Cicd cicd = Cicd.builder().store(store).clock(clock).retention(Duration.ofDays(5)).build();
    for (int day = 1; day <= 9; day++) {
      Instant t = Instant.parse("2026-01-0" + day + "T00:00:00Z");
      cicd.ingestion().ingest(RunUpdate.builder(BuildId.github("o/r", day)).workflowName("CI")
          .status(BuildStatus.COMPLETED).conclusion(Conclusion.SUCCESS).createdAt(t).startedAt(t).updatedAt(t.plusSeconds(60)).build());
    }
    assertThat(cicd.applyRetention()).isEqualTo(4);
    assertThat(store.count()).isEqualTo(5);
  }

  @Test
  @DisplayName("configuration errors name the bad value")
  void badConfiguration() {
    assertThatThrownBy(() -> Cicd.builder().retention(Duration.ZERO))
        .hasMessage("retention must be positive or null (keep forever), but was PT0S");
    assertThatThrownBy(() -> Cicd.builder().source(new CountingSource()).source(new CountingSource()).build())
        .hasMessageContaining("two sources share the provider 'github'");
    assertThat(Cicd.builder().build().webhookReceiver("github")).isEmpty();
  }
}
