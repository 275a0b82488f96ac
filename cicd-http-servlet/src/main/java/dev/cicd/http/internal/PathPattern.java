package dev.cicd.http.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route path such as {@code /api/builds/{id}}: literal segments and {@code {name}} segments that
 * match exactly one non-empty segment.
 */
public final class PathPattern {
  private final String text;
  private final List<String> segments;

  public PathPattern(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("a path pattern starts with '/', but was '" + text + "'");
    }
    this.text = text;
    this.segments = split(text);
  }

  /** The variables of {@code path}, or empty when it does not match. */
  public Optional<Map<String, String>> match(String path) {
    List<String> parts = split(path);
    if (parts.size() != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> variables = new HashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      String segment = segments.get(i);
      String part = parts.get(i);
      if (segment.startsWith("{") && segment.endsWith("}")) {
        if (part.isEmpty()) {
          return Optional.empty();
        }
        variables.put(segment.substring(1, segment.length() - 1), part);
      } else if (!segment.equals(part)) {
        return Optional.empty();
      }
    }
    return Optional.of(variables);
  }

  private static List<String> split(String path) {
    if (path.equals("/")) {
      return List.of();
    }
    return List.of(path.substring(1).split("/", -1));
  }

  @Override
  public String toString() {
    return text;
  }
}
