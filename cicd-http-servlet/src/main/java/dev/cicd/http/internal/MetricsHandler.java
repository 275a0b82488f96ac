package dev.cicd.http.internal;

import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.core.metrics.OutcomePolicy;
import dev.cicd.core.store.BuildStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/metrics/summary}: KPIs of a window ({@code window}, or {@code from}/{@code to}) and filters. */
public final class MetricsHandler {
  static final Map<String, Duration> WINDOWS = Map.of(
      "24h", Duration.ofHours(24), "7d", Duration.ofDays(7), "30d", Duration.ofDays(30), "90d", Duration.ofDays(90));
  static final List<String> WINDOW_NAMES = List.of("24h", "7d", "30d", "90d");
  static final String DEFAULT_WINDOW = "7d";
  static final Set<String> PARAMETERS = Set.of("window", "from", "to", "repository", "workflow", "branch");

  private final BuildStore store;
  private final OutcomePolicy policy;
  private final Clock clock;
  private final SummaryJson summaryJson;
  private final Json json;

  public MetricsHandler(BuildStore store, OutcomePolicy policy, Clock clock, SummaryJson summaryJson, Json json) {
    this.store = store;
    this.policy = policy;
    this.clock = clock;
    this.summaryJson = summaryJson;
    this.json = json;
  }

  public void summary(Exchange exchange) throws IOException {
    MetricsQuery query = query(exchange.query().allowOnly(PARAMETERS));
    json.write(exchange.response(), 200, summaryJson.of(store.summarize(query)));
  }

  MetricsQuery query(QueryParams params) {
    Instant from = params.instant("from");
    Instant to = params.instant("to");
    String window = params.oneOf("window", WINDOW_NAMES, w -> w);
    Instant now = clock.instant();
    if (window != null && (from != null || to != null)) {
      throw HttpProblem.badRequest("give either window or from/to, not both");
    }
    if (from == null && to != null) {
      throw HttpProblem.badRequest("from is required when to is given");
    }
    if (from == null) {
      from = now.minus(WINDOWS.get(window == null ? DEFAULT_WINDOW : window));
      to = now;
    } else if (to == null) {
      to = now;
    }
    if (!from.isBefore(to)) {
      throw HttpProblem.badRequest("from must be before to");
    }
    if (Duration.between(from, to).compareTo(MetricsQuery.MAX_WINDOW) > 0) {
      throw HttpProblem.badRequest("the window must be at most " + MetricsQuery.MAX_WINDOW.toDays() + " days");
    }
    return new MetricsQuery(from, to, Filters.repository(params), params.string("workflow"),
        params.string("branch"), policy, ZoneOffset.UTC);
  }
}
