package dev.cicd.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.store.BuildCursor;
import dev.cicd.core.store.BuildNotFoundException;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.Page;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;

/** {@code GET /api/builds} and {@code GET /api/builds/{id}}. */
public final class BuildsHandler {
  static final Set<String> LIST_PARAMETERS = Set.of("repository", "workflow", "branch", "status", "conclusion",
      "event", "from", "to", "limit", "cursor");

  private final BuildStore store;
  private final BuildJson buildJson;
  private final Json json;

  public BuildsHandler(BuildStore store, BuildJson buildJson, Json json) {
    this.store = store;
    this.buildJson = buildJson;
    this.json = json;
  }

  public void list(Exchange exchange) throws IOException {
    BuildQuery query = query(exchange.query().allowOnly(LIST_PARAMETERS));
    Page<Build> page = store.list(query);
    ObjectNode body = json.object();
    ArrayNode items = body.putArray("items");
    page.items().forEach(b -> items.add(buildJson.summary(b)));
    body.put("nextCursor", page.nextCursor());
    json.write(exchange.response(), 200, body);
  }

  public void get(Exchange exchange) throws IOException {
    exchange.query().allowOnly(Set.of());
    String text = exchange.variable("id");
    BuildId id;
    try {
      id = BuildId.parse(text);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("a build id looks like provider:owner:name:runId");
    }
    Build build = store.find(id).orElseThrow(() -> new BuildNotFoundException(id.asString()));
    json.write(exchange.response(), 200, buildJson.detail(build));
  }

  static BuildQuery query(QueryParams params) {
    Instant from = params.instant("from");
    Instant to = params.instant("to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw HttpProblem.badRequest("from must be before to");
    }
    String cursor = params.string("cursor");
    if (cursor != null) {
      try {
        BuildCursor.decode(cursor);
      } catch (IllegalArgumentException e) {
        throw HttpProblem.badRequest("cursor is not valid; pass nextCursor of the previous page unchanged");
      }
    }
    return BuildQuery.builder()
        .repository(Filters.repository(params))
        .workflow(params.string("workflow"))
        .branch(params.string("branch"))
        .status(Filters.status(params))
        .conclusion(Filters.conclusion(params))
        .event(params.string("event"))
        .from(from)
        .to(to)
        .limit(params.integer("limit", 1, BuildQuery.MAX_LIMIT, BuildQuery.DEFAULT_LIMIT))
        .cursor(cursor)
        .build();
  }
}
