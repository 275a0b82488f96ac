package dev.cicd.examples.standalone.demo;

import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.ingest.DeploymentUpdate;
import dev.cicd.examples.standalone.demo.RunPlanner.RunContext;
import dev.cicd.examples.standalone.demo.SimulatedRun.TimedEvent;
import java.time.Instant;
import java.util.List;

/** The deployment statuses a deploying workflow reports: in progress, then success or failure. */
final class DeploymentPlanner {
  private final DemoIds ids;

  DeploymentPlanner(DemoIds ids) {
    this.ids = ids;
  }

  List<TimedEvent> statuses(RunContext run, Instant started, Instant finished, boolean succeeded) {
    long deployment = ids.deploymentId();
    return List.of(
        new TimedEvent(started, status(run, deployment, DeploymentState.IN_PROGRESS, started)),
        new TimedEvent(finished, status(run, deployment,
            succeeded ? DeploymentState.SUCCESS : DeploymentState.FAILURE, finished)));
  }

  private DeploymentUpdate status(RunContext run, long deployment, DeploymentState state, Instant at) {
    return new DeploymentUpdate(new DeploymentStatus("github", run.id().repository(), deployment,
        ids.deploymentStatusId(), run.pipeline().environment(), state, run.sha(), run.branch(), at, run.actor(), null));
  }
}
