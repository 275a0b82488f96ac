package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.source.SourceHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeploymentPollingTest {
  private static final String REPO = PollingHarness.REPO;
  /** When the first deployment of most tests was created: three hours before the harness starts. */
  private static final Instant T = PollingHarness.START.minus(Duration.ofHours(3));
  private static final ObjectNode EXAMPLE = (ObjectNode) RunFactory.read("webhooks/deployment_status/created.json");

  private final PollingHarness h = new PollingHarness(b -> b.pollDeployments(true));

  @AfterEach
  void close() {
    h.close();
  }

  private static ObjectNode deployment(long id, Instant created, Instant updated) {
    ObjectNode deployment = ((ObjectNode) EXAMPLE.get("deployment")).deepCopy();
    deployment.put("id", id).put("created_at", created.toString()).put("updated_at", updated.toString())
        .put("environment", "production");
    return deployment;
  }

  private static ObjectNode status(long id, String state, Instant created) {
    ObjectNode status = ((ObjectNode) EXAMPLE.get("deployment_status")).deepCopy();
    status.put("id", id).put("state", state).put("created_at", created.toString());
    return status;
  }

  /**
   * A run, and two deployments {@link #T} and ten minutes later: 2 with {@code statusesOf2}, 1 with status 11
   * (success). @return {@link #T}
   */
  private Instant serveTwoDeployments(ObjectNode... statusesOf2) {
    h.serve(REPO, PollingHarness.runs(REPO, 1, 1, Duration.ofHours(1)));
    h.github.deployments(REPO, List.of(deployment(2, T.plusSeconds(600), T.plusSeconds(700)),
        deployment(1, T, T.plusSeconds(100))));
    h.github.deploymentStatuses(REPO, 2, List.of(statusesOf2));
    h.github.deploymentStatuses(REPO, 1, List.of(status(11, "success", T.plusSeconds(100))));
    return T;
  }

  private List<String> statusRequests() {
    return h.github.requests().stream().map(FakeGitHub.Request::path).filter(p -> p.endsWith("/statuses")).toList();
  }

  @Test
  @DisplayName("deployments and their statuses are polled; only a deployment whose updated_at changed is read again")
  void pollsDeploymentsAndTheirStatuses() {
    Instant t = serveTwoDeployments(status(22, "failure", T.plusSeconds(700)),
        status(21, "in_progress", T.plusSeconds(610)));
    h.poll();
    assertThat(h.store.deploymentStatuses(REPO)).extracting(DeploymentStatus::statusId, DeploymentStatus::state)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(11L, DeploymentState.SUCCESS),
            org.assertj.core.groups.Tuple.tuple(21L, DeploymentState.IN_PROGRESS),
            org.assertj.core.groups.Tuple.tuple(22L, DeploymentState.FAILURE));
    assertThat(statusRequests()).hasSize(2);

    h.clock.advance(Duration.ofMinutes(1));
    h.poll();
    assertThat(statusRequests()).as("nothing changed: the listing answers 304").hasSize(2);

    // Deployment 2 is deployed again: a new status, a new updated_at; deployment 1 is not read again.
    h.clock.advance(Duration.ofMinutes(1));
    h.github.deployments(REPO, List.of(deployment(2, t.plusSeconds(600), h.clock.instant()),
        deployment(1, t, t.plusSeconds(100))));
    h.github.deploymentStatuses(REPO, 2, List.of(status(23, "success", h.clock.instant()),
        status(22, "failure", t.plusSeconds(700)), status(21, "in_progress", t.plusSeconds(610))));
    h.poll();
    assertThat(statusRequests()).hasSize(3).last().asString().contains("/deployments/2/");
    assertThat(h.store.deploymentStatuses(REPO)).extracting(DeploymentStatus::statusId).contains(23L);

    // A restart on the same store lists the deployments again but reads no statuses.
    dev.cicd.github.GitHubSource restarted = GitHubSource.builder(h.source.config()).clock(h.clock)
        .sleeper(h.clock::advance).build();
    restarted.poll(h.ingestion);
    restarted.close();
    assertThat(statusRequests()).hasSize(3);
  }

  private static MockResponse unreadable() {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("[{\"id\": 1,")
        .build();
  }

  @Test
  @DisplayName("statuses GitHub gave unreadable are read again next cycle, although the listing answers 304")
  void unreadableStatusesAreReadAgain() {
    serveTwoDeployments(status(22, "failure", T.plusSeconds(700)));
    h.github.script("/repos/octo-org/api/deployments/2/statuses", unreadable());
    h.poll();
    assertThat(h.store.deploymentStatuses(REPO)).extracting(DeploymentStatus::statusId).containsExactly(11L);
    assertThat(h.health().problem()).contains("statuses of deployment 2");

    h.clock.advance(Duration.ofMinutes(1));
    h.poll();
    assertThat(h.store.deploymentStatuses(REPO)).extracting(DeploymentStatus::statusId)
        .containsExactlyInAnyOrder(11L, 22L);
    assertThat(h.github.requests()).filteredOn(r -> r.path().endsWith("/deployments")).last()
        .extracting(r -> r.headers().get("If-None-Match")).as("the listing was asked conditionally").isNotNull();

    h.clock.advance(Duration.ofMinutes(1));
    h.poll();
    assertThat(statusRequests()).as("read once more, then never again").hasSize(3);
  }

  @Test
  @DisplayName("over 100 statuses: a second page GitHub gave unreadable is read again past the first page's 304")
  void laterStatusPageReadAgain() {
    h.serve(REPO, PollingHarness.runs(REPO, 1, 1, Duration.ofHours(1)));
    Instant t = T;
    h.github.deployments(REPO, List.of(deployment(1, t, t.plusSeconds(150))));
    List<ObjectNode> statuses = new ArrayList<>();
    for (long id = 150; id >= 1; id--) {
      statuses.add(status(id, "in_progress", t.plusSeconds(id)));
    }
    h.github.deploymentStatuses(REPO, 1, statuses);
    h.github.script("/repos/octo-org/api/deployments/1/statuses?per_page=100&page=2", unreadable());
    h.poll();
    assertThat(h.store.deploymentStatuses(REPO)).hasSize(100);

    h.clock.advance(Duration.ofMinutes(1));
    h.poll();
    assertThat(h.store.deploymentStatuses(REPO)).hasSize(150);
  }

  @Test
  @DisplayName("a walk cut short by a page GitHub gave unreadable goes on next cycle past the unchanged pages")
  void walkCutShortGoesOn() {
    h.serve(REPO, PollingHarness.runs(REPO, 1, 1, Duration.ofHours(1)));
    Instant t = PollingHarness.START.minus(Duration.ofDays(2));
    List<ObjectNode> deployments = new ArrayList<>();
    for (long id = 150; id >= 1; id--) {
      Instant created = t.plus(Duration.ofMinutes(id));
      deployments.add(deployment(id, created, created.plusSeconds(60)));
      h.github.deploymentStatuses(REPO, id, List.of(status(id * 10, "success", created.plusSeconds(60))));
    }
    h.github.deployments(REPO, deployments);
    h.github.script("/repos/octo-org/api/deployments?per_page=100&page=2", unreadable());
    h.poll();
    assertThat(h.store.deploymentStatuses(REPO)).hasSize(100);

    h.clock.advance(Duration.ofMinutes(1));
    int cut = h.github.requestCount();
    h.poll();
    assertThat(h.github.requests().subList(cut, h.github.requestCount()))
        .filteredOn(r -> r.path().endsWith("/deployments")).first()
        .extracting(r -> r.headers().get("If-None-Match")).as("page 1 asked conditionally").isNotNull();
    assertThat(h.store.deploymentStatuses(REPO)).as("the second page, although the first answered 304").hasSize(150);
    assertThat(statusRequests()).hasSize(150);

    h.clock.advance(Duration.ofMinutes(1));
    int before = h.github.requestCount();
    h.poll();
    assertThat(h.github.requests().subList(before, h.github.requestCount()))
        .filteredOn(r -> r.path().contains("/deployments")).as("the walk is whole: one 304 ends it").hasSize(1);
  }

  @Test
  @DisplayName("a token without deployment access: a problem of the cycle, the runs are stored and the source is UP")
  void deploymentsRefused() {
    h.serve(REPO, PollingHarness.runs(REPO, 2, 1, Duration.ofHours(1)));
    h.github.script("/repos/octo-org/api/deployments", new MockResponse.Builder().code(403)
        .addHeader("Content-Type", "application/json")
        .body("{\"message\":\"Resource not accessible by personal access token\"}").build());
    h.poll();
    assertThat(h.store.count()).isEqualTo(2);
    assertThat(h.health().state()).isNotEqualTo(SourceHealth.State.DOWN);
    assertThat(h.health().problem()).contains("deployments").contains("403");
  }

  @Test
  @DisplayName("without pollDeployments no deployment is asked for")
  void offByDefault() {
    try (PollingHarness plain = new PollingHarness()) {
      plain.serve(REPO, PollingHarness.runs(REPO, 1, 1, Duration.ofHours(1)));
      plain.poll();
      assertThat(plain.github.requests()).noneMatch(r -> r.path().contains("/deployments"));
    }
  }
}
