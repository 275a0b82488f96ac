package dev.cicd.http.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The servlet registered without async support cannot stream events (api/events answers 501): the
 * dashboard still loads, says it is polling, and shows the API's numbers.
 */
class DashboardPollingTest extends BrowserTestSupport {
  @Override
  boolean asyncSupported() {
    return false;
  }

  @Test
  @DisplayName("without Server-Sent Events the indicator says the page polls every 30 s")
  void fallsBackToPolling() {
    open("#/overview?window=30d");
    waitUntil(d -> "polling".equals(browser.script("return document.getElementById('live-state').dataset.state")));
    assertThat(text("#live-text")).isEqualTo("Polling every 30 s");
    JsonNode api = server.get("api/metrics/summary?window=30d");
    assertThat(kpi("builds")).isEqualTo(Formats.count(api.path("builds").path("total")));
    assertThat(kpi("successRate")).isEqualTo(Formats.percent(api.path("successRate")));

    open("#/alerts");
    assertThat(text("#view-alerts [data-role=status]")).isEqualTo("Alerting is not enabled on this server.");
  }
}
