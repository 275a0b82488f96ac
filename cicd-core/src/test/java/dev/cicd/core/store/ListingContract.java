package dev.cicd.core.store;

import static dev.cicd.core.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class ListingContract {
  abstract BuildStore store();

  private IngestionService ingestion;

  @BeforeEach
  void seed() {
    ingestion = IngestionService.create(store(), MutableClock.at("2026-06-01T00:00:00Z"));
    for (int i = 0; i < 30; i++) {
      String repo = i % 3 == 0 ? "octo-org/api" : "octo-org/web";
      var run = Fixtures.run(repo, 100 + i).createdAt(T0.plusSeconds(60L * i)).branch(i % 2 == 0 ? "main" : "dev")
          .workflowName(i % 5 == 0 ? "Deploy" : "CI").event(i % 4 == 0 ? "pull_request" : "push")
          .startedAt(T0.plusSeconds(60L * i)).updatedAt(T0.plusSeconds(60L * i + 30));
      if (i % 7 == 6) {
        ingestion.ingest(run.status(BuildStatus.IN_PROGRESS).build());
      } else {
        ingestion.ingest(run.status(BuildStatus.COMPLETED).conclusion(i % 3 == 1 ? Conclusion.FAILURE : Conclusion.SUCCESS).build());
      }
    }
    // two builds created at the same instant are ordered by run id
    ingestion.ingest(Fixtures.run("octo-org/api", 500).createdAt(T0.plusSeconds(60)).status(BuildStatus.QUEUED).build());
  }

  private List<Build> all(BuildQuery query) {
    List<Build> result = new ArrayList<>();
    String cursor = null;
    do {
      Page<Build> page = store().list(query.toBuilder().cursor(cursor).build());
      result.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return result;
  }

  @Test
  @DisplayName("builds are listed newest first, ties by run id descending")
  void newestFirst() {
    List<Build> items = store().list(BuildQuery.builder().limit(200).build()).items();
    assertThat(items).hasSize(31);
    assertThat(items).isSortedAccordingTo(BuildCursor.NEWEST_FIRST);
    assertThat(items.get(0).id().runId()).isEqualTo(129);
    assertThat(items).extracting(b -> b.id().runId()).containsSubsequence(500L, 101L);
    assertThat(items).allSatisfy(b -> assertThat(b.attempts()).isNotEmpty());
  }

  @Test
  @DisplayName("every filter narrows the listing")
  void filters() {
    assertThat(all(BuildQuery.builder().repository("octo-org/api").build())).hasSize(11)
        .allMatch(b -> b.id().repository().equals("octo-org/api"));
    assertThat(all(BuildQuery.builder().workflow("Deploy").build())).hasSize(6);
    assertThat(all(BuildQuery.builder().branch("dev").build())).hasSize(15).allMatch(b -> "dev".equals(b.branch()));
    assertThat(all(BuildQuery.builder().status(BuildStatus.IN_PROGRESS).build())).hasSize(4);
    assertThat(all(BuildQuery.builder().status(BuildStatus.QUEUED).build())).extracting(b -> b.id().runId()).containsExactly(500L);
    assertThat(all(BuildQuery.builder().conclusion(Conclusion.FAILURE).build()))
        .allMatch(b -> b.conclusion() == Conclusion.FAILURE).isNotEmpty();
    assertThat(all(BuildQuery.builder().event("pull_request").build())).hasSize(8);
    assertThat(all(BuildQuery.builder().from(T0.plusSeconds(600)).to(T0.plusSeconds(1200)).build()))
        .extracting(b -> b.id().runId()).containsExactly(119L, 118L, 117L, 116L, 115L, 114L, 113L, 112L, 111L, 110L);
    assertThat(all(BuildQuery.builder().repository("octo-org/api").branch("main").workflow("Deploy")
        .conclusion(Conclusion.SUCCESS).build())).extracting(b -> b.id().runId()).containsExactly(100L);
    assertThat(store().list(BuildQuery.builder().repository("nobody/none").build()).items()).isEmpty();
  }

  @Test
  @DisplayName("cursor pages cover every build once, and stay stable while new builds arrive")
  void cursorPagination() {
    Page<Build> first = store().list(BuildQuery.builder().limit(7).build());
    assertThat(first.items()).hasSize(7);
    assertThat(first.nextCursor()).isNotNull();
    List<Build> seen = new ArrayList<>(first.items());
    ingestion.ingest(Fixtures.run("octo-org/api", 900).createdAt(T0.plusSeconds(99_999)).status(BuildStatus.QUEUED).build());
    String cursor = first.nextCursor();
    while (cursor != null) {
      Page<Build> page = store().list(BuildQuery.builder().limit(7).cursor(cursor).build());
      seen.addAll(page.items());
      cursor = page.nextCursor();
    }
    assertThat(seen).extracting(Build::id).doesNotHaveDuplicates().hasSize(31)
        .doesNotContain(BuildId.github("octo-org/api", 900));
    assertThat(seen).isSortedAccordingTo(BuildCursor.NEWEST_FIRST);
    Page<Build> exact = store().list(BuildQuery.builder().limit(32).build());
    assertThat(exact.nextCursor()).as("no cursor when the page holds the rest").isNull();
  }
}
