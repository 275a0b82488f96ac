package dev.cicd.core.store;

import dev.cicd.core.ingest.DeliveryKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A webhook delivery as it arrived, kept in the store's inbox from its acknowledgement until it is merged
 * ({@link BuildStore#appendInbox}): enough to parse it again after a restart.
 *
 * @param id the store's sequence number (increasing in append order); 0 before it is stored
 * @param provider the provider key whose webhook receiver parses it (e.g. {@code github})
 * @param key the delivery's identity
 * @param receivedAt when it was acknowledged
 * @param headers the request's headers, as {@link #encodeHeaders encoded}
 * @param body the raw body, exactly as sent (signatures are over these bytes)
 */
public record InboxEntry(long id, String provider, DeliveryKey key, Instant receivedAt, String headers, byte[] body) {
  /** Longest provider key. */
  public static final int MAX_PROVIDER_LENGTH = 64;

  public InboxEntry {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    if (provider.isBlank() || provider.length() > MAX_PROVIDER_LENGTH) {
      throw new IllegalArgumentException("provider must be 1 to " + MAX_PROVIDER_LENGTH + " characters");
    }
    if (id < 0) {
      throw new IllegalArgumentException("id must not be negative, but was " + id);
    }
  }

  /** The same entry with the id the store gave it. */
  public InboxEntry withId(long value) {
    return new InboxEntry(value, provider, key, receivedAt, headers, body);
  }

  /**
   * Headers as text: one {@code name: value} line per value, in order. HTTP header values hold no line
   * breaks; a value that does (it cannot have come over HTTP) is refused.
   */
  public static String encodeHeaders(Map<String, List<String>> headers) {
    StringBuilder text = new StringBuilder();
    headers.forEach((name, values) -> {
      for (String value : values) {
        if (name.indexOf(':') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0) {
          throw new IllegalArgumentException("header " + name + " holds a line break or a colon in its name");
        }
        text.append(name).append(": ").append(value).append('\n');
      }
    });
    return text.toString();
  }

  /** The headers {@link #encodeHeaders} encoded, by name in first appearance order. */
  public static Map<String, List<String>> decodeHeaders(String text) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(": ");
      if (colon <= 0) {
        throw new IllegalArgumentException("malformed header line in an inbox entry: no ': ' separator");
      }
      headers.computeIfAbsent(line.substring(0, colon), n -> new ArrayList<>()).add(line.substring(colon + 2));
    }
    return headers;
  }
}
