package dev.cicd.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.core.build.ProviderText;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Typed, named reads from a JSON object. Absent and JSON-null values are "missing"; a value of the
 * wrong type is a {@link PayloadException} naming the field ({@code workflow_run.id must be an
 * integer, but was a string}). Text values are cleaned of NUL characters and unpaired surrogates.
 */
public final class Fields {
  private final JsonNode node;
  private final String path;

  private Fields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** Wraps an object node; {@code path} names it in messages, e.g. {@code workflow_run}. */
  public static Fields of(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new PayloadException("invalid payload: " + (path.isEmpty() ? "the body" : path)
          + " must be an object, but was " + kind(node));
    }
    return new Fields(node, path);
  }

  public String path() {
    return path;
  }

  public boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  /** A nested object, or null when missing. */
  public @Nullable Fields object(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    return of(value, child(name));
  }

  public Fields requiredObject(String name) {
    Fields value = object(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  public @Nullable String text(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(name, "a string", value);
    }
    return ProviderText.clean(value.textValue(), Integer.MAX_VALUE);
  }

  /** Text, with the empty string treated as missing. */
  public @Nullable String nonEmptyText(String name) {
    String value = text(name);
    return value == null || value.isEmpty() ? null : value;
  }

  public String requiredText(String name) {
    String value = nonEmptyText(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  public @Nullable Long optionalLong(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      throw wrongType(name, "an integer", value);
    }
    if (!value.canConvertToLong()) {
      throw new PayloadException("invalid payload: " + child(name) + " is out of the 64-bit integer range");
    }
    return value.longValue();
  }

  public long requiredLong(String name) {
    Long value = optionalLong(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  /** A GitHub id: a required integer of at least 1 (GitHub numbers runs, jobs and deployments from 1). */
  public long requiredId(String name) {
    long value = requiredLong(name);
    if (value < 1) {
      throw new PayloadException("invalid payload: " + child(name) + " must be a positive integer, but was " + value);
    }
    return value;
  }

  public long longOr(String name, long fallback) {
    Long value = optionalLong(name);
    return value == null ? fallback : value;
  }

  /** An integer in {@code [min, Integer.MAX_VALUE]}, or {@code fallback} when missing. */
  public int intOr(String name, int fallback, int min) {
    Long value = optionalLong(name);
    if (value == null) {
      return fallback;
    }
    if (value < min || value > Integer.MAX_VALUE) {
      throw new PayloadException("invalid payload: " + child(name) + " must be between " + min + " and "
          + Integer.MAX_VALUE + ", but was " + value);
    }
    return value.intValue();
  }

  /** A timestamp (ISO text or epoch seconds); null when missing, empty or zero. */
  public @Nullable Instant instant(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return GitHubTimes.fromEpochSeconds(value.longValue());
    }
    if (!value.isTextual()) {
      throw wrongType(name, "a timestamp", value);
    }
    try {
      return GitHubTimes.parse(value.textValue());
    } catch (DateTimeException e) {
      throw new PayloadException("invalid payload: " + child(name) + " must be an ISO-8601 timestamp, but was '"
          + Texts.safe(value.textValue(), 40) + "'", e);
    }
  }

  /** {@code name.login} of a user object, or null. */
  public @Nullable String login(String name) {
    Fields user = object(name);
    return user == null ? null : user.nonEmptyText("login");
  }

  /** An array of objects; empty when missing. */
  public List<Fields> objects(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw wrongType(name, "an array", value);
    }
    List<Fields> result = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      result.add(of(value.get(i), child(name) + "[" + i + "]"));
    }
    return result;
  }

  /** An array of strings; empty when missing. Null and empty elements are dropped. */
  public List<String> texts(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw wrongType(name, "an array", value);
    }
    List<String> result = new ArrayList<>(value.size());
    for (JsonNode element : value) {
      if (element.isNull()) {
        continue;
      }
      if (!element.isTextual()) {
        throw wrongType(name + "[]", "a string", element);
      }
      String cleaned = ProviderText.clean(element.textValue(), Integer.MAX_VALUE);
      if (cleaned != null && !cleaned.isEmpty()) {
        result.add(cleaned);
      }
    }
    return result;
  }

  /** The path of a member, e.g. {@code workflow_run.id}; members of the root have no prefix. */
  public String child(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private PayloadException missing(String name) {
    return new PayloadException("invalid payload: " + child(name) + " is missing");
  }

  private PayloadException wrongType(String name, String expected, JsonNode value) {
    return new PayloadException("invalid payload: " + child(name) + " must be " + expected + ", but was "
        + kind(value));
  }

  static String kind(@Nullable JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "missing";
    }
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> value.isIntegralNumber() ? "an integer" : "a number with a fraction";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case NULL -> "null";
      default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
