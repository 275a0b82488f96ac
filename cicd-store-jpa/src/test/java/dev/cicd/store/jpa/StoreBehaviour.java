package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Step;
import dev.cicd.core.build.Workflow;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.store.ConcurrentBuildModificationException;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.store.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Behaviour of the JPA store beyond the core contract, run on H2 and on PostgreSQL. */
abstract class StoreBehaviour {
  static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456789Z");

  JpaBuildStore store;

  protected abstract JpaBuildStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  static Build build(String repo, long runId, Instant created, Conclusion conclusion, List<Job> jobs) {
    Attempt attempt = new Attempt(1, BuildStatus.COMPLETED, conclusion, created.plusSeconds(5),
        created.plusSeconds(65), created.plusSeconds(65), "alice", false);
    return new Build(BuildId.github(repo, runId), 0, new Workflow(7L, "CI", ".github/workflows/ci.yml"), 3,
        "main", "abc123", "push", "alice", "Fix it", "https://example.test/run", created, created.minusSeconds(60),
        List.of(12, 13), List.of(attempt), jobs);
  }

  static Job job(long id, int attempt, int steps) {
    List<Step> list = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      list.add(new Step(i + 1, "step " + i, BuildStatus.COMPLETED, Conclusion.SUCCESS, T0.plusSeconds(i),
          T0.plusSeconds(i + 1)));
    }
    return new Job(id, attempt, "build " + id, BuildStatus.COMPLETED, Conclusion.FAILURE, T0, T0.plusMillis(1500),
        T0.plusSeconds(40), "runner-1", "default", List.of("ubuntu-latest", "a:b", ""), list, "https://example.test/j");
  }

  @Test
  @DisplayName("a saved build comes back equal, with attempts, jobs, steps and nanosecond times")
  void roundTrip() {
    Build build = build("octo/api", 1, T0, Conclusion.SUCCESS, List.of(job(5, 1, 3), job(6, 1, 0)));
    Build saved = store.save(build, 0);
    assertThat(saved.version()).isEqualTo(1);
    assertThat(store.find(build.id())).contains(saved);
    assertThat(store.find(BuildId.github("octo/api", 2))).isEmpty();
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  @DisplayName("an update replaces attempts, jobs and steps, and bumps the version")
  void updateReplacesChildren() {
    Build first = store.save(build("octo/api", 1, T0, Conclusion.FAILURE, List.of(job(5, 1, 3), job(6, 1, 2))), 0);
    Attempt rerun = new Attempt(2, BuildStatus.IN_PROGRESS, null, T0.plusSeconds(300), T0.plusSeconds(301), null,
        "bob", false);
    List<Attempt> attempts = List.of(first.attempts().get(0), rerun);
    Build second = new Build(first.id(), first.version(), new Workflow(null, "CI renamed", null), 3, null, null, null,
        null, null, null, T0, null, List.of(), attempts, List.of(job(5, 1, 1), job(9, 2, 4)));
    Build saved = store.save(second, 1);
    assertThat(saved.version()).isEqualTo(2);
    assertThat(store.find(first.id())).contains(saved);
  }

  @Test
  @DisplayName("a stale version or an insert of an existing build is rejected")
  void optimisticVersioning() {
    Build build = build("octo/api", 1, T0, Conclusion.SUCCESS, List.of());
    Build saved = store.save(build, 0);
    assertThatThrownBy(() -> store.save(build, 0)).isInstanceOf(ConcurrentBuildModificationException.class);
    assertThatThrownBy(() -> store.save(saved, 2)).isInstanceOf(ConcurrentBuildModificationException.class);
    assertThatThrownBy(() -> store.save(build("octo/api", 2, T0, Conclusion.SUCCESS, List.of()), 1))
        .isInstanceOf(ConcurrentBuildModificationException.class);
    assertThat(store.save(saved, 1).version()).isEqualTo(2);
    assertThatThrownBy(() -> store.save(saved, 1)).isInstanceOf(ConcurrentBuildModificationException.class);
    assertThat(store.find(build.id()).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  @DisplayName("listing pages through builds newest first, ties by run id, repository (UTF-16) and provider")
  void listingOrderAndCursor() {
    InMemoryBuildStore reference = new InMemoryBuildStore();
    String[] repos = {"a/b", "a/bb", "a/\uD83D\uDE00", "a/\uFFFD", "A/b", "a/b-c"};
    int run = 0;
    for (int i = 0; i < 60; i++) {
      Instant created = T0.plusSeconds(i % 7);
      for (String provider : List.of("github", "gh-enterprise")) {
        Build b = build(repos[i % repos.length], (run++ % 9), created, Conclusion.SUCCESS, List.of());
        b = new Build(new BuildId(provider, b.id().repository(), b.id().runId()), 0, b.workflow(), b.runNumber(),
            b.branch(), b.commitSha(), b.event(), b.actor(), b.title(), b.url(), b.createdAt(), b.headCommitAt(),
            b.pullRequests(), b.attempts(), b.jobs());
        if (reference.find(b.id()).isEmpty()) {
          reference.save(b, 0);
          store.save(b, 0);
        }
      }
    }
    assertThat(ids(pageThrough(store, BuildQuery.builder().limit(7).build())))
        .containsExactlyElementsOf(ids(pageThrough(reference, BuildQuery.builder().limit(7).build())));
  }

  @Test
  @DisplayName("listing filters match the in-memory reference")
  void listingFilters() {
    InMemoryBuildStore reference = new InMemoryBuildStore();
    Map<BuildId, Build> unique = new LinkedHashMap<>();
    new TestHistory(7, 300).builds.forEach(b -> unique.put(b.id(), b));
    unique.values().forEach(b -> {
      reference.save(b, 0);
      store.save(b, 0);
    });
    List<BuildQuery> queries = List.of(
        BuildQuery.builder().repository("octo/api").limit(13).build(),
        BuildQuery.builder().workflow("Release").branch("main").limit(50).build(),
        BuildQuery.builder().branch("").build(),
        BuildQuery.builder().status(BuildStatus.IN_PROGRESS).build(),
        BuildQuery.builder().conclusion(Conclusion.TIMED_OUT).limit(3).build(),
        BuildQuery.builder().event("push").from(TestHistory.START.plus(Duration.ofDays(3)))
            .to(TestHistory.START.plus(Duration.ofDays(9))).limit(11).build(),
        BuildQuery.builder().repository("nobody/none").build(),
        BuildQuery.builder().workflow("no such workflow").build());
    for (BuildQuery query : queries) {
      assertThat(pageThrough(store, query)).as(query.toString()).containsExactlyElementsOf(
          pageThrough(reference, query).stream().map(b -> b.withJobs(List.of())).toList());
    }
  }

  static List<Build> pageThrough(dev.cicd.core.store.BuildStore s, BuildQuery query) {
    List<Build> all = new ArrayList<>();
    BuildQuery q = query;
    while (true) {
      Page<Build> page = s.list(q);
      all.addAll(page.items());
      if (page.nextCursor() == null) {
        return all;
      }
      q = q.toBuilder().cursor(page.nextCursor()).build();
    }
  }

  private static List<String> ids(List<Build> builds) {
    return builds.stream().map(b -> b.id().asString() + "@" + b.createdAt()).toList();
  }

  @Test
  @DisplayName("a delivery is recorded once; hook id is part of its identity")
  void deliveries() {
    DeliveryKey key = DeliveryKey.of("d-1");
    assertThat(store.hasDelivery(key)).isFalse();
    assertThat(store.recordDelivery(key, T0)).isTrue();
    assertThat(store.recordDelivery(key, T0.plusSeconds(1))).isFalse();
    assertThat(store.hasDelivery(key)).isTrue();
    assertThat(store.hasDelivery(new DeliveryKey("hook-1", "d-1"))).isFalse();
    assertThat(store.recordDelivery(new DeliveryKey("hook-1", "d-1"), T0, "ignored")).isTrue();
    assertThat(store.hasDelivery(new DeliveryKey("hook-1", "d-1"))).isTrue();
  }

  @Test
  @DisplayName("deployment statuses are stored once and listed oldest first")
  void deploymentStatuses() {
    DeploymentStatus a = new DeploymentStatus("github", "octo/api", 1, 11, "prod", DeploymentState.SUCCESS, "abc",
        "main", T0.plusSeconds(10), "bot", null);
    DeploymentStatus b = new DeploymentStatus("github", "octo/web", 2, 12, "prod", DeploymentState.FAILURE, null,
        null, T0, null, "https://example.test");
    assertThat(store.saveDeploymentStatus(a)).isTrue();
    assertThat(store.saveDeploymentStatus(b)).isTrue();
    assertThat(store.saveDeploymentStatus(a)).isFalse();
    assertThat(store.deploymentStatuses(null)).containsExactly(b, a);
    assertThat(store.deploymentStatuses("octo/api")).containsExactly(a);
  }

  @Test
  @DisplayName("retention deletes completed builds before the cutoff in bounded batches, with their jobs")
  void retention() {
    for (int i = 0; i < 5; i++) {
      store.save(build("octo/api", i, T0.plusSeconds(i * 100L), Conclusion.SUCCESS, List.of(job(i, 1, 2))), 0);
    }
    Build running = new Build(BuildId.github("octo/api", 99), 0, new Workflow(null, "CI", null), 1, "main", null,
        null, null, null, null, T0, null, List.of(),
        List.of(new Attempt(1, BuildStatus.IN_PROGRESS, null, T0, T0, null, null, false)), List.of(job(99, 1, 1)));
    store.save(running, 0);
    Instant cutoff = T0.plusSeconds(300);
    assertThat(store.deleteCompletedBefore(cutoff, 2)).isEqualTo(2);
    assertThat(store.deleteCompletedBefore(cutoff, 2)).isEqualTo(1);
    assertThat(store.deleteCompletedBefore(cutoff, 2)).isZero();
    assertThat(store.count()).isEqualTo(3);
    assertThat(store.find(BuildId.github("octo/api", 2))).isEmpty();
    assertThat(store.find(BuildId.github("octo/api", 3))).isPresent();
    assertThat(store.find(running.id())).isPresent();
    assertThatThrownBy(() -> store.deleteCompletedBefore(cutoff, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("untrusted text: NUL is stripped, a 1,000-char branch and a 10 KB workflow name are stored")
  void untrustedText() {
    String branch = "b".repeat(995) + "\u00e9\uD83D\uDE00xyz\u0000";
    String workflow = "w\u0000".repeat(5_000) + "\uD800";
    Build b = build("octo/api", 1, T0, Conclusion.FAILURE, List.of());
    Build hostile = new Build(b.id(), 0, new Workflow(null, workflow, "path\u0000"), 1, branch, "sha\u0000",
        "push\u0000", "actor\u0000", "title\u0000" + "t".repeat(9_000), null, T0, null, List.of(), b.attempts(),
        List.of(new Job(1, 1, "job\u0000", BuildStatus.QUEUED, null, T0, null, null, null, null,
            List.of("l\u0000"), List.of(new Step(1, "s\u0000", BuildStatus.QUEUED, null, null, null)), null)));
    assertThat(hostile.workflow().name()).doesNotContain("\u0000").hasSizeLessThanOrEqualTo(4_000);
    Build saved = store.save(hostile, 0);
    assertThat(store.find(b.id())).contains(saved);
    assertThat(store.list(BuildQuery.builder().branch(hostile.branch()).workflow(hostile.workflow().name()).build())
        .items()).hasSize(1);
  }

  @Test
  @DisplayName("leases: one owner at a time until expiry; settings: put, get, replace, remove")
  void leasesAndSettings() {
    JpaLeases leases = store.leases();
    assertThat(leases.tryAcquire("poll", "a", Duration.ofMinutes(1))).isTrue();
    assertThat(leases.tryAcquire("poll", "b", Duration.ofMinutes(1))).isFalse();
    assertThat(leases.tryAcquire("poll", "a", Duration.ofMinutes(1))).isTrue();
    assertThat(leases.holder("poll")).contains("a");
    assertThat(leases.release("poll", "b")).isFalse();
    assertThat(leases.release("poll", "a")).isTrue();
    assertThat(leases.tryAcquire("poll", "b", Duration.ofMillis(1))).isTrue();
    JpaSettings settings = store.settings();
    assertThat(settings.get("alerts")).isEmpty();
    settings.put("alerts", "{\"rules\":[]}");
    settings.put("alerts", "{\"rules\":[1]}");
    assertThat(settings.get("alerts")).contains("{\"rules\":[1]}");
    assertThat(settings.remove("alerts")).isTrue();
    assertThat(settings.get("alerts")).isEmpty();
  }
}
