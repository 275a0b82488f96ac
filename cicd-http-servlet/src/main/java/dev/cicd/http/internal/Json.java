package dev.cicd.http.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * JSON reading and writing. Responses are hand-mapped trees (so field names are a visible contract);
 * parsing is bounded by explicit {@link StreamReadConstraints} and rejects duplicate keys.
 */
public final class Json {
  public static final String CONTENT_TYPE = "application/json;charset=UTF-8";

  private final ObjectMapper mapper;

  public Json(int maxDocumentBytes) {
    StreamReadConstraints limits = StreamReadConstraints.builder()
        .maxNestingDepth(64)
        .maxNumberLength(64)
        .maxStringLength(1024 * 1024)
        .maxNameLength(1024)
        .maxDocumentLength(maxDocumentBytes)
        .maxTokenCount(100_000)
        .build();
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(limits)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    this.mapper = JsonMapper.builder(factory)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  public ObjectNode object() {
    return mapper.createObjectNode();
  }

  public ArrayNode array() {
    return mapper.createArrayNode();
  }

  /**
   * Parses a request body.
   *
   * @throws HttpProblem 400 naming the problem (never the body) when it is not valid, bounded JSON
   */
  public JsonNode parse(byte[] body) {
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw HttpProblem.badRequest("the body must be a JSON document");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw HttpProblem.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String text(JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  public byte[] bytes(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Writes {@code body} as the response with this status. */
  public void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
    write(response, status, CONTENT_TYPE, body);
  }

  public void write(HttpServletResponse response, int status, String contentType, JsonNode body)
      throws IOException {
    byte[] bytes = bytes(body);
    response.setStatus(status);
    response.setContentType(contentType);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** ISO-8601 UTC text, or null. */
  public static @Nullable String time(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }

  public static @Nullable String date(@Nullable LocalDate date) {
    return date == null ? null : date.toString();
  }

  /** Puts a number or JSON null. */
  public static void putNumber(ObjectNode node, String name, @Nullable Number value) {
    if (value == null) {
      node.putNull(name);
    } else if (value instanceof Double d) {
      node.put(name, d);
    } else {
      node.put(name, value.longValue());
    }
  }
}
