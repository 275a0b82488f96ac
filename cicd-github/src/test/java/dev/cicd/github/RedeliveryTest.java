package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RedeliveryTest {
  private static String delivery(long id, String guid, String deliveredAt, int statusCode) {
    return "{\"id\": " + id + ", \"guid\": \"" + guid + "\", \"delivered_at\": \"" + deliveredAt + "\", "
        + "\"redelivery\": false, \"duration\": 0.2, \"status\": \"x\", \"status_code\": " + statusCode + ", "
        + "\"event\": \"workflow_run\", \"action\": \"completed\", \"installation_id\": null, \"repository_id\": 1}";
  }

  @Test
  @DisplayName("failed deliveries of the last 3 days without a successful attempt are redelivered, one POST a second")
  void redeliversFailedOnly() {
    try (PollingHarness h = new PollingHarness()) {
      String list = "[" + String.join(",",
          delivery(9, "guid-a", "2024-06-01T11:00:00Z", 200),   // redelivery of a that succeeded
          delivery(8, "guid-b", "2024-06-01T10:00:00Z", 502),   // b failed twice
          delivery(7, "guid-c", "2024-05-31T10:00:00Z", 0),     // c timed out
          delivery(6, "guid-b", "2024-05-31T09:00:00Z", 500),
          delivery(5, "guid-a", "2024-05-30T09:00:00Z", 502),
          delivery(4, "guid-d", "2024-05-28T09:00:00Z", 500))   // older than 3 days
          + "]";
      h.github.script("/repos/octo-org/api/hooks/42/deliveries",
          new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(list).build());
      h.github.script("/repos/octo-org/api/hooks/42/deliveries/8/attempts", new MockResponse.Builder().code(202).body("{}").build());
      h.github.script("/repos/octo-org/api/hooks/42/deliveries/7/attempts", new MockResponse.Builder().code(202).body("{}").build());

      RedeliveryReport report = h.source.redeliverFailed("octo-org/api", 42);

      assertThat(report).isEqualTo(new RedeliveryReport(5, 2, 2, java.util.List.of()));
      assertThat(h.github.requests()).filteredOn(r -> r.method().equals("POST"))
          .extracting(FakeGitHub.Request::path).containsExactly(
              "/repos/octo-org/api/hooks/42/deliveries/8/attempts", "/repos/octo-org/api/hooks/42/deliveries/7/attempts");
      assertThat(h.sleeps).containsExactly(Duration.ofSeconds(1));
    }
  }
}
