package dev.cicd.core.source;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One webhook delivery as received over HTTP: the headers and the raw body bytes, exactly as sent
 * (signatures are computed over these bytes).
 *
 * @param headers header values by name; names are matched case-insensitively
 */
public record WebhookRequest(Map<String, List<String>> headers, byte[] body) {
  public WebhookRequest {
    Objects.requireNonNull(body, "body");
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
        (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  /** The only value of a header; null when absent. When sent several times, null as well (ambiguous). */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.size() != 1 ? null : values.get(0);
  }

  /** All values of a header, empty when absent. */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name, List.of());
  }
}
