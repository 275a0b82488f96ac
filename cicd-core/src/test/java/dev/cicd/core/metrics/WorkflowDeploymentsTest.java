package dev.cicd.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.Cicd;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.metrics.BuildSummary.DoraMetrics;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.Fixtures;
import dev.cicd.core.store.InMemoryBuildStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkflowDeploymentsTest {
  private static final String REPO = "octo-org/api";
  private static final String DEPLOY = "Deploy <prod>";
  private static final Instant T0 = Fixtures.T0;

  private final InMemoryBuildStore store = new InMemoryBuildStore();

  private static RunUpdate run(long runId, String workflow, int attempt, Conclusion conclusion, long startMinute,
      long commitMinute) {
    Instant start = T0.plus(Duration.ofMinutes(startMinute));
    return Fixtures.run(REPO, runId).workflowName(workflow).commitSha(Long.toHexString(runId).repeat(4))
        .headCommitAt(T0.plus(Duration.ofMinutes(commitMinute))).attempt(attempt).status(BuildStatus.COMPLETED)
        .conclusion(conclusion).createdAt(start).startedAt(start).updatedAt(start.plusSeconds(600)).build();
  }

  @Test
  @DisplayName("runs of a deploy workflow are deployments: re-runs, failures and restores count as DORA defines")
  void deployWorkflowRunsAreDeployments() {
    try (Cicd cicd = Cicd.builder().store(store).deployWorkflows(List.of(DEPLOY)).build()) {
      cicd.start();
      // run 1 fails, its re-run succeeds (one successful deployment); run 2 fails and run 3 restores it.
      cicd.ingestion().ingest(run(1, DEPLOY, 2, Conclusion.SUCCESS, 60, 0));
      cicd.ingestion().ingest(run(1, DEPLOY, 1, Conclusion.FAILURE, 20, 0));
      cicd.ingestion().ingest(run(2, DEPLOY, 1, Conclusion.TIMED_OUT, 120, 100));
      cicd.ingestion().ingest(run(3, DEPLOY, 1, Conclusion.SUCCESS, 200, 190));
      cicd.ingestion().ingest(run(4, DEPLOY, 1, Conclusion.CANCELLED, 300, 290)); // not a deployment
      cicd.ingestion().ingest(run(5, "CI", 1, Conclusion.FAILURE, 310, 290)); // not a deploy workflow
      DoraMetrics dora = store.summarize(MetricsQuery.window(T0, T0.plus(Duration.ofDays(1)))).dora();

      assertThat(dora.deployments()).isEqualTo(2);
      assertThat(dora.failedDeployments()).isEqualTo(1);
      assertThat(dora.changeFailureRate()).isEqualTo(1 / 3.0);
      assertThat(dora.deploymentsPerDay()).isEqualTo(2.0);
      // lead times: run 1 committed at 0, deployed at 70 min; run 3 committed at 190, deployed at 210 min; the p50
      // of two is the lower (nearest rank 1)
      assertThat(dora.leadTimeP50Ms()).isEqualTo(Duration.ofMinutes(20).toMillis());
      // restore: run 2 failed at 130 min, run 3 succeeded at 210 min
      assertThat(dora.timeToRestoreMs()).isEqualTo((double) Duration.ofMinutes(80).toMillis());
      assertThat(store.deploymentStatuses(REPO)).extracting(DeploymentStatus::provider, DeploymentStatus::environment)
          .containsOnly(org.assertj.core.groups.Tuple.tuple("github" + WorkflowDeployments.PROVIDER_SUFFIX, DEPLOY));
    }
  }

  @Test
  @DisplayName("only a change that completes an attempt writes a deployment; job updates of a finished run do not")
  void writesOnlyNewDeployments() {
    AtomicInteger writes = new AtomicInteger();
    BuildStore counting = (BuildStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {BuildStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("saveDeploymentStatus")) {
            writes.incrementAndGet();
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    try (Cicd cicd = Cicd.builder().store(counting).deployWorkflows(List.of(DEPLOY)).build()) {
      cicd.ingestion().ingest(run(1, DEPLOY, 1, Conclusion.SUCCESS, 20, 0));
      assertThat(writes).hasValue(1);
      Instant started = T0.plus(Duration.ofMinutes(20));
      for (long job = 1; job <= 3; job++) {
        cicd.ingestion().ingest(Fixtures.job(REPO, 1, job, 1, BuildStatus.COMPLETED, Conclusion.SUCCESS, started,
            started, started.plusSeconds(60)));
      }
      assertThat(store.find(dev.cicd.core.build.BuildId.github(REPO, 1)).orElseThrow().jobs()).hasSize(3);
      assertThat(writes).as("job updates of a finished deploy run").hasValue(1);
      cicd.ingestion().ingest(run(1, DEPLOY, 2, Conclusion.FAILURE, 40, 0));
      assertThat(writes).as("the re-run's attempt").hasValue(2);
    }
  }

  @Test
  @DisplayName("a deploy workflow configured later: the start stores the deployments of the runs already stored, once")
  void catchUpAtStart() {
    try (Cicd before = Cicd.builder().store(store).build()) {
      before.ingestion().ingest(run(1, DEPLOY, 1, Conclusion.FAILURE, 20, 0));
      before.ingestion().ingest(run(2, DEPLOY, 1, Conclusion.SUCCESS, 60, 0));
    }
    assertThat(store.deploymentStatuses(REPO)).isEmpty();
    try (Cicd after = Cicd.builder().store(store).deployWorkflows(List.of(DEPLOY)).build()) {
      after.start();
      assertThat(store.deploymentStatuses(REPO)).extracting(DeploymentStatus::deploymentId, DeploymentStatus::state)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, DeploymentState.FAILURE),
              org.assertj.core.groups.Tuple.tuple(2L, DeploymentState.SUCCESS));
    }
    assertThat(new WorkflowDeployments(store, Set.of(DEPLOY), OutcomePolicy.DEFAULT).catchUp()).isZero();
  }

  @Test
  @DisplayName("a blank deploy workflow name is rejected by name")
  void rejectsBlankNames() {
    assertThatThrownBy(() -> Cicd.builder().deployWorkflows(List.of("Deploy", " ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deployWorkflows");
  }
}
