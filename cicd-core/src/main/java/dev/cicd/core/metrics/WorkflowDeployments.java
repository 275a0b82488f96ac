package dev.cicd.core.metrics;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.ingest.BuildChange;
import dev.cicd.core.ingest.IngestListener;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.Page;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DORA from deploy workflows (DESIGN.md: "from {@code deployment_status} or a configured deploy workflow"): each
 * completed attempt of a run of a configured workflow whose conclusion counts as success or failure
 * ({@link OutcomePolicy}) is stored as a deployment status, so every DORA figure counts it like a GitHub
 * deployment: the run is the deployment, its workflow name the environment, its commit the change, the attempt's
 * completion the status time; a re-run that succeeds turns the deployment into a successful one. The statuses
 * carry the provider {@code <provider>:workflow} (for example {@code github:workflow}), so they never meet GitHub's
 * own deployment ids. A change heard of is stored at once; {@link #catchUp()} stores what a crash between a build's
 * commit and this listener, or the option being switched on later, left out.
 */
public final class WorkflowDeployments implements IngestListener {
  /** Suffix of the provider of the statuses made from runs. */
  public static final String PROVIDER_SUFFIX = ":workflow";
  /** Attempts per run this can tell apart in status ids (run id × 1,000 + attempt). */
  static final int MAX_ATTEMPTS = 999;

  private static final Logger LOG = LoggerFactory.getLogger(WorkflowDeployments.class);

  private final BuildStore store;
  private final Set<String> workflows;
  private final OutcomePolicy policy;

  public WorkflowDeployments(BuildStore store, Set<String> workflows, OutcomePolicy policy) {
    this.store = Objects.requireNonNull(store, "store");
    this.workflows = Set.copyOf(workflows);
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public void onBuildChanged(BuildChange change) {
    Build build = change.after();
    if (!workflows.contains(build.workflow().name())) {
      return;
    }
    // Only the attempts this change completed: job updates of a finished run write nothing.
    List<DeploymentStatus> before = change.before() == null ? List.of() : statuses(change.before());
    try {
      for (DeploymentStatus status : statuses(build)) {
        if (!before.contains(status)) {
          store.saveDeploymentStatus(status);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not store the deployment of run {} of deploy workflow '{}'; the next start stores it",
          build.id(), build.workflow().name(), e);
    }
  }

  /**
   * Stores the deployments of every stored run of the deploy workflows that are not stored yet (one read of the
   * stored statuses per repository, then one write per missing status). @return how many were missing
   */
  public int catchUp() {
    Map<String, Set<List<Object>>> known = new HashMap<>();
    int added = 0;
    for (String workflow : workflows) {
      String cursor = null;
      do {
        Page<Build> page = store.list(BuildQuery.builder().workflow(workflow).limit(BuildQuery.MAX_LIMIT)
            .cursor(cursor).build());
        for (Build build : page.items()) {
          Set<List<Object>> stored = known.computeIfAbsent(build.id().repository(), repository ->
              store.deploymentStatuses(repository).stream().map(WorkflowDeployments::key).collect(Collectors.toSet()));
          for (DeploymentStatus status : statuses(build)) {
            if (!stored.contains(key(status)) && store.saveDeploymentStatus(status)) {
              added++;
            }
          }
        }
        cursor = page.nextCursor();
      } while (cursor != null);
    }
    if (added > 0) {
      LOG.info("Stored {} deployments of the deploy workflows {} that were missing", added, workflows);
    }
    return added;
  }

  /** The deployment statuses a build of a deploy workflow stands for: one per completed, rate-relevant attempt. */
  List<DeploymentStatus> statuses(Build build) {
    return build.attempts().stream()
        .filter(a -> a.isCompleted() && a.completedAt() != null && a.number() <= MAX_ATTEMPTS)
        .filter(a -> policy.isRateRelevant(a.conclusion()))
        .map(a -> status(build, a))
        .toList();
  }

  private DeploymentStatus status(Build build, Attempt attempt) {
    DeploymentState state = policy.isSuccess(attempt.conclusion()) ? DeploymentState.SUCCESS : DeploymentState.FAILURE;
    return new DeploymentStatus(build.id().provider() + PROVIDER_SUFFIX, build.id().repository(), build.id().runId(),
        build.id().runId() * 1000 + attempt.number(), build.workflow().name(), state, build.commitSha(),
        build.branch(), Objects.requireNonNull(attempt.completedAt()), actor(build, attempt), build.url());
  }

  private static @Nullable String actor(Build build, Attempt attempt) {
    return attempt.triggeringActor() != null ? attempt.triggeringActor() : build.actor();
  }

  private static List<Object> key(DeploymentStatus status) {
    return List.of(status.provider(), status.repository(), status.statusId());
  }
}
