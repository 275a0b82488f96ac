package dev.cicd.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.ProviderEvent;
import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.MetricsCalculator;
import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.core.metrics.OutcomePolicy;
import dev.cicd.core.testing.HistoryGenerator;
import dev.cicd.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class MetricsContract {
  /** Size of the seeded history; DESIGN asks for at least 5,000 builds. */
  static final int HISTORY_BUILDS = 5_000;

  abstract BuildStore store();

  static List<MetricsQuery> queries() {
    Instant end = HistoryGenerator.END;
    MetricsQuery d30 = MetricsQuery.last(Duration.ofDays(30), end);
    List<MetricsQuery> queries = new ArrayList<>();
    queries.add(d30);
    queries.add(MetricsQuery.last(Duration.ofDays(1), end));
    queries.add(MetricsQuery.last(Duration.ofDays(7), end.minus(Duration.ofDays(3))));
    queries.add(MetricsQuery.last(Duration.ofDays(90), end));
    queries.add(MetricsQuery.window(Instant.parse("2026-03-10T07:30:00Z"), Instant.parse("2026-04-02T19:00:00Z")));
    queries.add(d30.withRepository("octo-org/api"));
    queries.add(d30.withWorkflow("Nightly"));
    queries.add(d30.withBranch("main"));
    queries.add(d30.withRepository("acme/app").withWorkflow("CI").withBranch("develop"));
    queries.add(d30.withRepository("nobody/none"));
    queries.add(MetricsQuery.last(Duration.ofDays(30), Instant.parse("2020-01-01T00:00:00Z")));
    queries.add(d30.withZone(ZoneId.of("America/Los_Angeles")));
    queries.add(d30.withZone(ZoneId.of("Asia/Kolkata")).withBranch("develop"));
    queries.add(d30.withPolicy(new OutcomePolicy(EnumSet.of(Conclusion.SUCCESS, Conclusion.NEUTRAL),
        EnumSet.of(Conclusion.FAILURE, Conclusion.CANCELLED))));
    return queries;
  }

  @Test
  @DisplayName("every summary over a shuffled, duplicated 5,000-build history equals the reference")
  void summariesEqualReference() {
    HistoryGenerator generator = new HistoryGenerator(2026, Duration.ofDays(120), false);
    List<ProviderEvent> events = new ArrayList<>(generator.builds(HISTORY_BUILDS));
    events.addAll(generator.deployments(150, 1));
    MutableClock clock = new MutableClock(HistoryGenerator.END);
    InMemoryBuildStore reference = new InMemoryBuildStore();
    IngestionService inOrder = IngestionService.create(reference, clock);
    events.forEach(inOrder::ingest);

    IngestionService ingestion = IngestionService.create(store(), clock);
    HistoryGenerator.shuffledWithDuplicates(events, 99, 0.05).forEach(ingestion::ingest);

    assertThat(store().count()).isEqualTo(reference.count()).isEqualTo(HISTORY_BUILDS);
    List<Build> referenceBuilds = new ArrayList<>();
    for (Build b : reference.list(BuildQuery.builder().limit(200).build()).items()) {
      referenceBuilds.add(b);
    }
    for (Build expected : referenceBuilds) {
      BuildId id = expected.id();
      assertThat(store().find(id).orElseThrow().sameStateAs(expected)).as("state of %s", id).isTrue();
    }
    List<Build> history = allBuilds(reference);
    SoftAssertions soft = new SoftAssertions();
    for (MetricsQuery query : queries()) {
      BuildSummary expected = MetricsCalculator.summarize(history, reference.deploymentStatuses(null), query);
      soft.assertThat(store().summarize(query)).as("summary of %s", query).isEqualTo(expected);
    }
    soft.assertAll();
    BuildSummary main = store().summarize(queries().get(0));
    assertThat(main.builds().total()).as("the 30-day window is not empty").isGreaterThan(500);
    assertThat(main.flakyBuilds()).isPositive();
    assertThat(main.mttrMs()).isNotNull();
    assertThat(main.queueMs().p95()).isNotNull();
    assertThat(main.dora().hasData()).isTrue();
  }

  static List<Build> allBuilds(BuildStore store) {
    List<Build> all = new ArrayList<>();
    String cursor = null;
    do {
      Page<Build> page = store.list(BuildQuery.builder().limit(200).cursor(cursor).build());
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }
}
