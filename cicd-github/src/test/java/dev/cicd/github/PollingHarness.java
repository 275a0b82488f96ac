package dev.cicd.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.ingest.BuildChange;
import dev.cicd.core.ingest.IngestListener;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.source.SourceHealth;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A GitHub source polling a {@link FakeGitHub} with a test clock and a sleeper that advances the
 * clock instead of sleeping, ingesting into an in-memory store.
 */
final class PollingHarness implements AutoCloseable {
  static final String REPO = "octo-org/api";
  static final Instant START = Instant.parse("2024-06-01T12:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final FakeGitHub github;
  final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  final InMemoryBuildStore store = new InMemoryBuildStore();
  final IngestionService ingestion = IngestionService.create(store, clock);
  final List<BuildChange> changes = Collections.synchronizedList(new ArrayList<>());
  final GitHubSource source;

  PollingHarness(UnaryOperator<GitHubConfig.Builder> configure) {
    try {
      github = new FakeGitHub(clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitHubConfig config = configure.apply(GitHubConfig.builder()
        .apiUrl(github.apiUrl())
        .token("ghp_test0000000000000000000000000000000000")
        .repositories(REPO)).build();
    source = GitHubSource.builder(config).clock(clock).sleeper(d -> {
      sleeps.add(d);
      clock.advance(d);
    }).build();
    ingestion.addListener(new IngestListener() {
      @Override
      public void onBuildChanged(BuildChange change) {
        changes.add(change);
      }
    });
  }

  PollingHarness() {
    this(b -> b);
  }

  /** {@code count} completed runs, newest first, created one {@code spacing} apart ending an hour ago. */
  static List<ObjectNode> runs(String repository, int count, long firstId, Duration spacing) {
    List<ObjectNode> runs = new ArrayList<>();
    Instant newest = START.minus(Duration.ofHours(1));
    for (int i = 0; i < count; i++) {
      runs.add(RunFactory.run(repository, firstId + count - 1 - i, newest.minus(spacing.multipliedBy(i))));
    }
    return runs;
  }

  /** Serves the runs and one completed job per run (attempt 1). */
  void serve(String repository, List<ObjectNode> runs) {
    github.runs(repository, runs);
    for (ObjectNode run : runs) {
      long id = run.get("id").asLong();
      github.jobs(repository, id, 1, List.of(RunFactory.job(id, id * 10, Instant.parse(run.get("run_started_at").asText()))));
    }
  }

  void poll() {
    source.poll(ingestion);
  }

  SourceHealth health() {
    return source.health().get(0);
  }

  @Override
  public void close() {
    source.close();
    github.close();
  }
}
