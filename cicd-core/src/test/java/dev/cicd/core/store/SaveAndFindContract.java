package dev.cicd.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Step;
import dev.cicd.core.build.Workflow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class SaveAndFindContract {
  abstract BuildStore store();

  static Build sample(long runId, String branch, String title) {
    Instant t = Instant.parse("2026-05-01T10:00:00.123Z");
    Attempt first = new Attempt(1, BuildStatus.COMPLETED, Conclusion.FAILURE, t, t.plusSeconds(90), t.plusSeconds(90), "octocat", false);
    Attempt second = new Attempt(2, BuildStatus.IN_PROGRESS, null, t.plusSeconds(200), t.plusSeconds(201), null, "hubot", false);
    Job job = new Job(7001, 1, "build (ubuntu)", BuildStatus.COMPLETED, Conclusion.FAILURE, t, t.plusSeconds(4),
        t.plusSeconds(80), "GitHub Actions 5", "GitHub Actions", List.of("ubuntu-latest", "x64"),
        List.of(new Step(1, "Set up job", BuildStatus.COMPLETED, Conclusion.SUCCESS, t.plusSeconds(4), t.plusSeconds(6)),
            new Step(16, "Run tests", BuildStatus.COMPLETED, Conclusion.FAILURE, t.plusSeconds(6), t.plusSeconds(80))),
        "https://github.com/octo-org/api/actions/runs/" + runId + "/job/7001");
    Job queued = new Job(7002, 2, "build (ubuntu)", BuildStatus.QUEUED, null, t.plusSeconds(200), null, null, null,
        null, List.of(), List.of(), null);
    return new Build(BuildId.github("octo-org/api", runId), 0, new Workflow(99L, "CI ✓ 测试", ".github/workflows/ci.yml"),
        17, branch, "0123456789abcdef0123456789abcdef01234567", "pull_request", "octocat", title,
        "https://github.com/octo-org/api/actions/runs/" + runId, t, t.minusSeconds(60), List.of(12, 15),
        List.of(first, second), List.of(job, queued));
  }

  @Test
  @DisplayName("a saved build is found with every field, attempt, job and step")
  void roundTrip() {
    Build build = sample(1, "feature/ünïcödé-🚀", "Fix \"quotes\" and 'apostrophes'; DROP TABLE builds; --");
    Build saved = store().save(build, 0);
    assertThat(saved.version()).isEqualTo(1);
    Build found = store().find(build.id()).orElseThrow();
    assertThat(found).isEqualTo(saved);
    assertThat(found.sameStateAs(build)).isTrue();
    assertThat(store().count()).isEqualTo(1);
  }

  @Test
  @DisplayName("a build with only required fields round-trips its nulls")
  void nullsRoundTrip() {
    Instant t = Instant.parse("2026-05-01T10:00:00Z");
    Build minimal = new Build(BuildId.github("o/r", 2), 0, new Workflow(null, "", null), 0, null, null, null, null,
        null, null, t, null, List.of(), List.of(new Attempt(1, BuildStatus.QUEUED, null, null, null, null, null, true)), List.of());
    store().save(minimal, 0);
    assertThat(store().find(minimal.id()).orElseThrow().sameStateAs(minimal)).isTrue();
  }

  @Test
  @DisplayName("saving with the version read bumps the version and replaces the state")
  void updateBumpsVersion() {
    Build v1 = store().save(sample(3, "main", "one"), 0);
    Build changed = new Build(v1.id(), v1.version(), v1.workflow(), v1.runNumber(), "develop", v1.commitSha(),
        v1.event(), v1.actor(), "two", v1.url(), v1.createdAt(), v1.headCommitAt(), v1.pullRequests(),
        v1.attempts().subList(0, 1), v1.jobs().subList(0, 1));
    Build v2 = store().save(changed, 1);
    assertThat(v2.version()).isEqualTo(2);
    Build found = store().find(v1.id()).orElseThrow();
    assertThat(found.title()).isEqualTo("two");
    assertThat(found.branch()).isEqualTo("develop");
    assertThat(found.attempts()).hasSize(1);
    assertThat(found.jobs()).hasSize(1);
  }

  @Test
  @DisplayName("saving a stale version is rejected and changes nothing")
  void staleVersionRejected() {
    Build v1 = store().save(sample(4, "main", "one"), 0);
    store().save(v1, 1);
    assertThatThrownBy(() -> store().save(sample(4, "main", "stale"), 1))
        .isInstanceOf(ConcurrentBuildModificationException.class);
    assertThat(store().find(v1.id()).orElseThrow().title()).isEqualTo("one");
    assertThat(store().find(v1.id()).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  @DisplayName("inserting a build that exists is rejected as a concurrent modification")
  void duplicateInsertRejected() {
    store().save(sample(5, "main", "one"), 0);
    assertThatThrownBy(() -> store().save(sample(5, "main", "two"), 0))
        .isInstanceOf(ConcurrentBuildModificationException.class);
  }

  @Test
  @DisplayName("untrusted text is stored: NUL removed, 1,000-char branch, 10 KB workflow name, emoji")
  void untrustedText() {
    String longBranch = "b".repeat(5_000);
    Build build = sample(6, "evil\u0000branch", "title\u0000with NUL <script>alert(1)</script>");
    Build big = new Build(build.id(), 0, new Workflow(1L, "w".repeat(10_240), "p\u0000ath"), 1, longBranch,
        build.commitSha(), build.event(), "actor\u0000", build.title(), build.url(), build.createdAt(),
        null, List.of(), build.attempts(), build.jobs());
    store().save(big, 0);
    Build found = store().find(build.id()).orElseThrow();
    assertThat(found.branch()).hasSize(1_000).endsWith("…");
    assertThat(found.workflow().name()).hasSize(4_000);
    assertThat(found.workflow().path()).isEqualTo("path");
    assertThat(found.actor()).isEqualTo("actor");
    assertThat(found.title()).isEqualTo("titlewith NUL <script>alert(1)</script>");
    assertThat(store().save(sample(7, "evil\u0000branch", "t"), 0).branch()).isEqualTo("evilbranch");
  }
}
