package dev.cicd.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks real JSON against the OpenAPI document's schemas: required fields present, types, nullability
 * and enums as documented, no undocumented fields. Remembers which documented properties were seen,
 * and which were seen with a non-null value.
 */
public final class SchemaChecker {
  private final JsonNode document;
  private final Set<String> seen = new TreeSet<>();
  private final Set<String> seenNonNull = new TreeSet<>();

  public SchemaChecker(JsonNode document) {
    this.document = document;
  }

  public Set<String> seen() {
    return seen;
  }

  public Set<String> seenNonNull() {
    return seenNonNull;
  }

  /** Every property of every component schema, as {@code Schema.property}. */
  public Set<String> documentedProperties() {
    Set<String> all = new TreeSet<>();
    document.path("components").path("schemas").fields().forEachRemaining(schema ->
        schema.getValue().path("properties").fieldNames().forEachRemaining(p -> all.add(schema.getKey() + "." + p)));
    return all;
  }

  /** The schema a path, method, status and media type answer with. */
  public JsonNode responseSchema(String path, String method, int status, String mediaType) {
    JsonNode response = resolve(document.path("paths").path(path).path(method).path("responses")
        .path(Integer.toString(status)));
    JsonNode schema = response.path("content").path(mediaType).path("schema");
    assertThat(schema.isMissingNode()).as("documented %s %s %d %s", method, path, status, mediaType).isFalse();
    return schema;
  }

  public void check(JsonNode value, JsonNode schema, String where) {
    check(value, schema, where, null);
  }

  private void check(JsonNode value, JsonNode schemaOrRef, String where, String name) {
    String refName = schemaOrRef.has("$ref") ? lastSegment(schemaOrRef.path("$ref").asText()) : name;
    JsonNode schema = resolve(schemaOrRef);
    if (value.isNull()) {
      assertThat(schema.path("nullable").asBoolean()).as("%s is null but not nullable", where).isTrue();
      return;
    }
    String type = schema.path("type").asText();
    switch (type) {
      case "string" -> assertThat(value.isTextual()).as("%s is a string", where).isTrue();
      case "integer" -> assertThat(value.isIntegralNumber()).as("%s is an integer", where).isTrue();
      case "number" -> assertThat(value.isNumber()).as("%s is a number", where).isTrue();
      case "boolean" -> assertThat(value.isBoolean()).as("%s is a boolean", where).isTrue();
      case "array" -> {
        assertThat(value.isArray()).as("%s is an array", where).isTrue();
        int i = 0;
        for (JsonNode item : value) {
          check(item, schema.path("items"), where + "[" + i++ + "]", null);
        }
      }
      case "object" -> checkObject(value, schema, where, refName);
      default -> throw new AssertionError("schema without a type at " + where + ": " + schema);
    }
    if (schema.has("enum")) {
      Set<String> allowed = new TreeSet<>();
      schema.path("enum").forEach(e -> allowed.add(e.asText()));
      assertThat(allowed).as("%s enum", where).contains(value.asText());
    }
    if ("date-time".equals(schema.path("format").asText())) {
      assertThat(java.time.Instant.parse(value.asText())).as("%s is ISO-8601 UTC", where).isNotNull();
    }
  }

  private void checkObject(JsonNode value, JsonNode schema, String where, String name) {
    assertThat(value.isObject()).as("%s is an object", where).isTrue();
    JsonNode properties = schema.path("properties");
    schema.path("required").forEach(r -> assertThat(value.has(r.asText()))
        .as("%s has required %s", where, r.asText()).isTrue());
    JsonNode additional = schema.path("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      if (properties.has(key)) {
        if (name != null) {
          seen.add(name + "." + key);
          if (!field.getValue().isNull()) {
            seenNonNull.add(name + "." + key);
          }
        }
        check(field.getValue(), properties.path(key), where + "." + key, null);
      } else if (additional.isObject()) {
        check(field.getValue(), additional, where + "." + key, null);
      } else {
        assertThat(additional.asBoolean(false)).as("%s.%s is documented", where, key).isTrue();
      }
    }
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      String[] parts = current.path("$ref").asText().substring(2).split("/");
      JsonNode target = document;
      for (String part : parts) {
        target = target.path(part);
      }
      assertThat(target.isMissingNode()).as("reference %s resolves", current.path("$ref").asText()).isFalse();
      current = target;
    }
    return current;
  }

  private static String lastSegment(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
