package dev.cicd.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.health.ComponentHealth;
import dev.cicd.core.health.HealthReport;
import dev.cicd.core.health.HealthStatus;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health}: the overall status for anyone, component details only for callers that may
 * read. 503 when DOWN, so load balancers can use it as it is.
 */
public final class HealthHandler {
  private final Supplier<HealthReport> health;
  private final Json json;
  private final boolean publicRead;

  public HealthHandler(Supplier<HealthReport> health, Json json, boolean publicRead) {
    this.health = health;
    this.json = json;
    this.publicRead = publicRead;
  }

  public void get(Exchange exchange) throws IOException {
    exchange.query().allowOnly(java.util.Set.of());
    HealthReport report = health.get();
    ObjectNode body = json.object();
    body.put("status", report.status().name());
    if (publicRead || exchange.principal().role().canRead()) {
      ObjectNode components = body.putObject("components");
      report.components().forEach((name, c) -> components.set(name, component(c)));
    }
    json.write(exchange.response(), report.status() == HealthStatus.DOWN ? 503 : 200, body);
  }

  private ObjectNode component(ComponentHealth health) {
    ObjectNode node = json.object();
    node.put("status", health.status().name());
    node.put("problem", health.problem());
    node.set("details", value(health.details()));
    return node;
  }

  private JsonNode value(Object value) {
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = json.object();
      map.forEach((k, v) -> node.set(String.valueOf(k), value(v)));
      return node;
    }
    if (value instanceof Number n) {
      return n instanceof Double || n instanceof Float ? json.object().numberNode(n.doubleValue())
          : json.object().numberNode(n.longValue());
    }
    if (value instanceof Boolean b) {
      return json.object().booleanNode(b);
    }
    return json.object().textNode(String.valueOf(value));
  }
}
