package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.source.SourceHealth;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MultiRepositoryTest {
  @Test
  @DisplayName("one failing repository (404, then 5xx) does not stop the others; each has its own health")
  void isolation() {
    try (PollingHarness h = new PollingHarness(b -> b.repositories("octo-org/gone", "octo-org/web", "octo-org/api"))) {
      h.serve("octo-org/web", PollingHarness.runs("octo-org/web", 3, 1, Duration.ofHours(1)));
      h.serve("octo-org/api", PollingHarness.runs("octo-org/api", 2, 100, Duration.ofHours(1)));
      MockResponse unavailable = new MockResponse.Builder().code(503).body("down").build();
      h.github.script("/repos/octo-org/api/actions/runs", unavailable, unavailable, unavailable, unavailable);
      h.poll();

      assertThat(h.store.count()).isEqualTo(3);
      List<SourceHealth> health = h.source.health();
      assertThat(health).extracting(SourceHealth::name)
          .containsExactly("github:octo-org/gone", "github:octo-org/web", "github:octo-org/api");
      assertThat(health.get(0).state()).isEqualTo(SourceHealth.State.DOWN);
      assertThat(health.get(0).problem()).contains("404").contains("check the repository name");
      assertThat(health.get(1).state()).isEqualTo(SourceHealth.State.UP);
      assertThat(health.get(2).state()).isEqualTo(SourceHealth.State.DEGRADED);
      assertThat(health.get(2).problem()).contains("503");

      // the failed repositories back off; the healthy one is polled every cycle
      h.clock.advance(Duration.ofSeconds(60));
      h.poll();
      assertThat(h.store.count()).isEqualTo(5);
      assertThat(h.source.health().get(2).state()).isEqualTo(SourceHealth.State.UP);
    }
  }

  @Test
  @DisplayName("a run without a name is named from the repository's workflow list (fetched once, conditionally)")
  void workflowNameFromList() {
    try (PollingHarness h = new PollingHarness()) {
      var runs = PollingHarness.runs(PollingHarness.REPO, 2, 1, Duration.ofHours(1));
      runs.forEach(r -> r.put("name", "").put("workflow_id", 161335));
      h.serve(PollingHarness.REPO, runs);
      h.github.workflows(PollingHarness.REPO, (com.fasterxml.jackson.databind.node.ObjectNode)
          RunFactory.read("rest/list-repo-workflows.json"));
      h.poll();
      assertThat(h.store.find(dev.cicd.core.build.BuildId.github(PollingHarness.REPO, 1)).orElseThrow()
          .workflow().name()).isEqualTo("CI");
      assertThat(h.github.requests()).filteredOn(r -> r.path().endsWith("/actions/workflows")).hasSize(1);
    }
  }
}
