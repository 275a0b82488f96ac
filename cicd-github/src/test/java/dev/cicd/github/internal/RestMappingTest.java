package dev.cicd.github.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Step;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.RunUpdate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The REST response bodies from GitHub's OpenAPI description, mapped field by field. */
class RestMappingTest {
  private static final JsonSupport JSON = new JsonSupport(1 << 20);

  static JsonNode fixture(String path) {
    try (InputStream in = RestMappingTest.class.getResourceAsStream("/github/" + path)) {
      return JSON.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("rest/list-workflow-runs-for-repo.json: the run, its repository from the payload, @ref cut from the path")
  void listRuns() {
    List<Fields> runs = GitHubApi.items(fixture("rest/list-workflow-runs-for-repo.json"), "workflow_runs");
    assertThat(GitHubApi.totalCount(fixture("rest/list-workflow-runs-for-repo.json"))).isEqualTo(1);
    Fields object = runs.get(0);
    RunUpdate run = RunMapper.map(object, null, RunMapper.repositoryOf(object, "configured/name"));
    assertThat(run.id()).isEqualTo(BuildId.github("octocat/Hello-World", 30433642L));
    assertThat(run.workflow().name()).isEqualTo("Build");
    assertThat(run.workflow().id()).isEqualTo(159038L);
    assertThat(run.workflow().path()).isEqualTo(".github/workflows/build.yml");
    assertThat(run.runNumber()).isEqualTo(562);
    assertThat(run.attempt()).isEqualTo(1);
    assertThat(run.status()).isEqualTo(BuildStatus.QUEUED);
    assertThat(run.conclusion()).isNull();
    assertThat(run.branch()).isEqualTo("master");
    assertThat(run.commitSha()).isEqualTo("acb5820ced9479c074f688cc328bf03f341a511d");
    assertThat(run.event()).isEqualTo("push");
    assertThat(run.title()).isEqualTo("Update README.md");
    assertThat(run.actor()).isEqualTo("octocat");
    assertThat(run.triggeringActor()).isEqualTo("octocat");
    assertThat(run.createdAt()).isEqualTo(Instant.parse("2020-01-22T19:33:08Z"));
    assertThat(run.startedAt()).isEqualTo(Instant.parse("2020-01-22T19:33:08Z"));
    assertThat(run.updatedAt()).isEqualTo(Instant.parse("2020-01-22T19:33:08Z"));
    assertThat(run.headCommitAt()).isEqualTo(Instant.parse("2020-01-22T19:33:05Z"));
    assertThat(run.url()).isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/30433642");
    assertThat(run.pullRequests()).isEmpty();
  }

  @Test
  @DisplayName("rest/get-workflow-run.json: previous_attempt_url is ignored; the attempt comes from run_attempt")
  void getRun() {
    Fields object = Fields.of(fixture("rest/get-workflow-run.json"), "");
    RunUpdate run = RunMapper.map(object, null, RunMapper.repositoryOf(object, "configured/name"));
    assertThat(run.id()).isEqualTo(BuildId.github("octocat/Hello-World", 30433642L));
    assertThat(run.attempt()).isEqualTo(1);
    assertThat(run.branch()).isEqualTo("main");
    assertThat(run.workflow().path()).isEqualTo(".github/workflows/build.yml");
    assertThat(run.status()).isEqualTo(BuildStatus.QUEUED);
  }

  @Test
  @DisplayName("rest/list-jobs-for-workflow-run.json: attempt from the URL asked, offset step times, no created_at")
  void listJobs() {
    List<Fields> jobs = GitHubApi.items(fixture("rest/list-jobs-for-workflow-run.json"), "jobs");
    JobUpdate update = JobMapper.map(jobs.get(0), "octo-org/octo-repo", 2, 29679449L);
    assertThat(update.buildId()).isEqualTo(BuildId.github("octo-org/octo-repo", 29679449L));
    assertThat(update.job().id()).isEqualTo(399444496L);
    assertThat(update.job().attempt()).isEqualTo(2);
    assertThat(update.job().name()).isEqualTo("build");
    assertThat(update.job().status()).isEqualTo(BuildStatus.COMPLETED);
    assertThat(update.job().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(update.job().createdAt()).isNull();
    assertThat(update.job().startedAt()).isEqualTo(Instant.parse("2020-01-20T17:42:40Z"));
    assertThat(update.job().completedAt()).isEqualTo(Instant.parse("2020-01-20T17:44:39Z"));
    assertThat(update.job().labels()).containsExactly("self-hosted", "foo", "bar");
    assertThat(update.job().runnerName()).isEqualTo("my runner");
    assertThat(update.job().runnerGroup()).isEqualTo("my runner group");
    assertThat(update.job().steps()).extracting(Step::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 16, 17);
    Step first = update.job().steps().get(0);
    assertThat(first.startedAt()).isEqualTo(Instant.parse("2020-01-20T17:42:40Z"));
    assertThat(first.completedAt()).isEqualTo(Instant.parse("2020-01-20T17:42:41Z"));
    assertThat(update.workflowName()).isEqualTo("CI");
    assertThat(update.branch()).isEqualTo("main");
    assertThat(update.commitSha()).isEqualTo("f83a356604ae3c5d03e1b46ef4d1ca77d64a90b0");
  }

  @Test
  @DisplayName("rest/get-job-for-workflow-run.json: without an attempt in the URL or body the attempt is 1; ids from fields")
  void getJob() {
    JobUpdate update = JobMapper.map(Fields.of(fixture("rest/get-job-for-workflow-run.json"), ""), "octo-org/octo-repo",
        null, null);
    assertThat(update.buildId().runId()).isEqualTo(29679449L);
    assertThat(update.job().id()).isEqualTo(399444496L);
    assertThat(update.job().attempt()).isEqualTo(1);
    assertThat(update.job().steps()).hasSize(10);
  }

  @Test
  @DisplayName("rest/openapi-components-headers.json: the documented Link example yields its next page")
  void linkExample() {
    String example = fixture("rest/openapi-components-headers.json").get("link").get("example").asText();
    assertThat(LinkHeader.next(example)).isEqualTo("https://api.github.com/resource?page=2");
    assertThat(LinkHeader.next("<https://x/a?page=1>; rel=\"prev\", <https://x/a?page=3>; rel=\"last\"")).isNull();
    assertThat(LinkHeader.next("<https://x/a?page=4>; rel=next")).isEqualTo("https://x/a?page=4");
    assertThat(LinkHeader.next(null)).isNull();
  }
}
