package dev.cicd.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3 description of every endpoint and schema, from {@code dev/cicd/http/openapi.json};
 * the server URL is set per request to where the servlet is mounted.
 */
public final class OpenApiDocument {
  static final String RESOURCE = "dev/cicd/http/openapi.json";
  private static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

  private final Json json;
  private final ObjectNode template;

  public OpenApiDocument(Json json) {
    this.json = json;
    this.template = (ObjectNode) load(new Json(MAX_DOCUMENT_BYTES));
  }

  public void get(Exchange exchange) throws IOException {
    exchange.query().allowOnly(java.util.Set.of());
    ObjectNode document = template.deepCopy();
    ArrayNode servers = document.putArray("servers");
    servers.addObject().put("url", Mount.prefix(exchange.request()));
    json.write(exchange.response(), 200, document);
  }

  private static JsonNode load(Json json) {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return json.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
