package dev.cicd.examples.standalone.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.Cicd;
import dev.cicd.core.alert.AlertEngine;
import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.InMemoryAlertStore;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.store.Page;
import dev.cicd.examples.standalone.TestStores;
import dev.cicd.store.jpa.JpaBuildStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoModeTest {
  @TempDir
  Path dir;

  JpaBuildStore store;
  InMemoryAlertStore alerts;
  AlertEngine engine;
  Cicd cicd;

  @BeforeEach
  void setUp() {
    store = TestStores.h2(dir);
    alerts = new InMemoryAlertStore();
    engine = AlertEngine.builder().buildStore(store).alertStore(alerts).channels(List.of("log"))
        .config(DemoMode.alertConfig()).build();
    cicd = Cicd.builder().store(store).build();
  }

  @AfterEach
  void tearDown() {
    cicd.close();
    store.close();
  }

  @Test
  @DisplayName("the demo seeds a realistic history through ingestion, and the alert engine fires on it")
  void seedsHistory() {
    try (DemoMode demo = DemoMode.seed(cicd, Clock.systemUTC(), engine)) {
      System.out.println(demo.describe());
      List<Build> builds = all();
      assertThat(builds).hasSizeGreaterThan(200);
      assertThat(builds.stream().map(b -> b.id().repository()).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("octo-org/api", "octo-org/web", "octo-org/mobile", "octo-org/infra",
              "octo-org/docs");
      assertThat(builds).allMatch(b -> b.status() == BuildStatus.COMPLETED);
      assertThat(builds).anyMatch(b -> b.conclusion() == Conclusion.FAILURE);
      assertThat(builds).anyMatch(b -> b.conclusion() == Conclusion.CANCELLED);
      assertThat(builds).as("re-runs that pass").anyMatch(b -> b.attemptNumber() == 2
          && b.conclusion() == Conclusion.SUCCESS && b.attempt(1).orElseThrow().conclusion() == Conclusion.FAILURE);
      List<Build> full = builds.stream().map(b -> store.find(b.id()).orElseThrow()).toList();
      assertThat(full).allMatch(b -> !b.jobsOfAttempt(b.attemptNumber()).isEmpty());
      assertThat(full).as("slow queues").anyMatch(b -> b.jobsOfAttempt(b.attemptNumber()).stream()
          .anyMatch(j -> j.queueMs() != null && j.queueMs() > 15 * 60_000));
      assertThat(store.deploymentStatuses("octo-org/api")).isNotEmpty();

      Set<String> firing = alerts.instances(Set.of(AlertState.FIRING)).stream()
          .map(a -> a.ruleId() + " " + a.repository() + " " + a.workflow()).collect(Collectors.toSet());
      System.out.println("firing: " + firing);
      assertThat(firing).contains("default-branch-failed octo-org/mobile Nightly e2e",
          "slow-queue octo-org/mobile iOS build");
      AlertInstance nightly = alerts.instances(Set.of(AlertState.FIRING)).stream()
          .filter(a -> a.workflow().equals("Nightly e2e")).findFirst().orElseThrow();
      assertThat(nightly.summary()).contains("failed");
    }
  }

  private List<Build> all() {
    List<Build> builds = new ArrayList<>();
    String cursor = null;
    do {
      Page<Build> page = store.list(BuildQuery.builder().limit(200).cursor(cursor).build());
      builds.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return builds;
  }
}
