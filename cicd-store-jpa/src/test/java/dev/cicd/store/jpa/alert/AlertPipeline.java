package dev.cicd.store.jpa.alert;

import dev.cicd.core.alert.AlertDispatcher;
import dev.cicd.core.alert.AlertEngine;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.testing.MutableClock;
import dev.cicd.store.jpa.JpaBuildStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The real parts wired as an application would: ingestion into a JpaBuildStore, the AlertEngine as
 * its listener on a JpaAlertStore, and an AlertDispatcher delivering to a recording channel.
 */
final class AlertPipeline {
  static final String REPO = "octo/api";

  final MutableClock clock;
  final JpaAlertStore alerts;
  final IngestionService ingest;
  final AlertEngine engine;
  final AlertDispatcher dispatcher;

  AlertPipeline(JpaBuildStore builds, JpaAlertStore alerts, MutableClock clock, RecordingSink sink) {
    this.clock = clock;
    this.alerts = alerts;
    this.ingest = IngestionService.create(builds, clock);
    this.engine = AlertEngine.builder().buildStore(builds).alertStore(alerts).clock(clock)
        .channels(List.of(sink.id())).build();
    ingest.addListener(engine);
    this.dispatcher = AlertDispatcher.builder().store(alerts).sink(sink).clock(clock).leaseOwner("e2e-" + sink.id())
        .build();
  }

  /** A run of CI completed now on {@code branch}, created a minute ago and taking 4 minutes. */
  static RunUpdate completedRun(Instant now, long runId, String branch, String workflow, String title, String actor,
      Conclusion conclusion) {
    return RunUpdate.builder(BuildId.github(REPO, runId)).workflowName(workflow).runNumber(runId).branch(branch)
        .commitSha("sha" + runId).event("push").actor(actor).title(title).url("https://github.com/" + REPO)
        .createdAt(now.minusSeconds(60)).startedAt(now.minus(Duration.ofMinutes(4))).attempt(1)
        .status(BuildStatus.COMPLETED).conclusion(conclusion).updatedAt(now).completedAt(now).build();
  }

  Build ingest(RunUpdate run) {
    return ingest.ingest(run).build();
  }
}
