package dev.cicd.core.alert;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Job;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Real parts wired together for scenario tests: ingestion into an in-memory build store, the engine as
 * its listener, an alert store, a dispatcher and two recording channels, all on a mutable clock.
 */
final class AlertHarness {
  static final String REPO = "octo/api";
  static final String CI = "CI";

  final MutableClock clock;
  final InMemoryBuildStore builds = new InMemoryBuildStore();
  final AlertStore store;
  final IngestionService ingest;
  final RecordingSink slack = new RecordingSink("slack");
  final RecordingSink mail = new RecordingSink("mail");
  final AlertEngine engine;
  final AlertDispatcher dispatcher;
  /** Added to every provider timestamp, to simulate a provider clock running ahead. */
  Duration providerSkew = Duration.ZERO;
  private long nextRunId = 1000;
  private long nextRunNumber = 1;

  AlertHarness(AlertConfig config) {
    this(config, new InMemoryAlertStore(), MutableClock.at("2025-03-10T10:00:00Z"), b -> {});
  }

  AlertHarness(AlertConfig config, AlertStore store, MutableClock clock, Consumer<AlertEngineBuilder> tweak) {
    this.clock = clock;
    this.store = store;
    this.ingest = IngestionService.create(builds, clock);
    AlertEngineBuilder builder = AlertEngine.builder().buildStore(builds).alertStore(store).clock(clock)
        .channels(List.of("slack", "mail")).config(config);
    tweak.accept(builder);
    this.engine = builder.build();
    ingest.addListener(engine);
    this.dispatcher = newDispatcher("dispatcher-1");
  }

  AlertDispatcher newDispatcher(String owner) {
    return AlertDispatcher.builder().store(store).sink(slack).sink(mail).clock(clock).leaseOwner(owner)
        .initialBackoff(Duration.ofSeconds(10)).maxBackoff(Duration.ofMinutes(10)).build();
  }

  /** A completed run on main of CI in octo/api, created a minute ago, taking 4 minutes (builds of one instant order by run number). */
  Build run(Conclusion conclusion) {
    return run(REPO, CI, "main", conclusion, "sha" + nextRunNumber, Duration.ofMinutes(4));
  }

  Build run(String repo, String workflow, String branch, Conclusion conclusion) {
    return run(repo, workflow, branch, conclusion, "sha" + nextRunNumber, Duration.ofMinutes(4));
  }

  Build run(String repo, String workflow, String branch, Conclusion conclusion, String sha, Duration took) {
    return run(repo, workflow, branch, conclusion, sha, took, "push");
  }

  Build run(String repo, String workflow, String branch, Conclusion conclusion, String sha, Duration took,
      String event) {
    Instant now = clock.instant().plus(providerSkew);
    BuildId id = BuildId.github(repo, nextRunId++);
    return complete(RunUpdate.builder(id).workflowName(workflow).runNumber(nextRunNumber++).branch(branch)
        .commitSha(sha).event(event).actor("octocat").title("Commit " + sha).url("https://github.com/" + repo)
        .createdAt(now.minusSeconds(60)).startedAt(now.minus(took)), 1, conclusion, now);
  }

  /** Re-run attempt {@code attempt} of an existing build, completing now. */
  Build rerun(Build build, int attempt, Conclusion conclusion) {
    Instant now = clock.instant();
    return complete(RunUpdate.builder(build.id()).workflowName(build.workflow().name()).runNumber(build.runNumber())
        .branch(build.branch()).commitSha(build.commitSha()).event(build.event()).createdAt(build.createdAt())
        .startedAt(now.minusSeconds(60)), attempt, conclusion, now);
  }

  private Build complete(RunUpdate.Builder run, int attempt, Conclusion conclusion, Instant now) {
    return ingest.ingest(run.attempt(attempt).status(BuildStatus.COMPLETED).conclusion(conclusion).updatedAt(now)
        .completedAt(now).build()).build();
  }

  /** Reports a queued job (not started) of a new in-progress run, created {@code ago} before now. */
  Build queuedJob(String workflow, Duration ago) {
    Instant now = clock.instant();
    BuildId id = BuildId.github(REPO, nextRunId++);
    ingest.ingest(RunUpdate.builder(id).workflowName(workflow).runNumber(nextRunNumber++).branch("main")
        .commitSha("q" + nextRunNumber).createdAt(now.minus(ago)).updatedAt(now.minus(ago))
        .status(BuildStatus.QUEUED).build());
    Job job = new Job(1, 1, "build", BuildStatus.QUEUED, null, now.minus(ago), null, null, null, null, List.of(),
        List.of(), null);
    return ingest.ingest(new JobUpdate(id, job, workflow, "main", null)).build();
  }

  /** Advances the clock and delivers everything due. */
  void advance(Duration d) {
    clock.advance(d);
    dispatcher.drain(20);
  }

  /** Lets the group wait pass and delivers. */
  void settle() {
    advance(Duration.ofSeconds(31));
  }

  AlertInstance instance(String ruleId) {
    return instance(ruleId, REPO, CI, "main");
  }

  AlertInstance instance(String ruleId, String repo, String workflow, String branch) {
    return store.findInstance(AlertInstance.fingerprint(ruleId, repo, workflow, branch)).orElseThrow();
  }

  AlertState state(String ruleId) {
    return store.findInstance(AlertInstance.fingerprint(ruleId, REPO, CI, "main")).map(AlertInstance::state)
        .orElse(AlertState.INACTIVE);
  }


}
