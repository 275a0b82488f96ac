package dev.cicd.http.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Strict query-string parsing: the raw query string is decoded here (never through
 * {@code getParameter}, which would read form bodies), unknown and repeated parameters are rejected,
 * numbers are range-checked and dates must be ISO-8601. Every failure is a 400 naming the parameter.
 */
public final class QueryParams {
  public static final int MAX_VALUE_LENGTH = 1_000;

  private final Map<String, List<String>> values = new LinkedHashMap<>();

  public QueryParams(@Nullable String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
  }

  /** Rejects any parameter not in {@code allowed}. */
  public QueryParams allowOnly(Set<String> allowed) {
    for (String name : values.keySet()) {
      if (!allowed.contains(name)) {
        throw HttpProblem.badRequest("unknown query parameter '" + clip(name) + "'; allowed: "
            + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    return this;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The single non-empty value of a parameter, or null when absent. */
  public @Nullable String string(String name) {
    List<String> list = values.get(name);
    if (list == null) {
      return null;
    }
    if (list.size() > 1) {
      throw HttpProblem.badRequest(name + " must be given at most once");
    }
    String value = list.get(0);
    if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
      throw HttpProblem.badRequest(name + " must be 1 to " + MAX_VALUE_LENGTH + " characters");
    }
    return value;
  }

  public int integer(String name, int min, int max, int defaultValue) {
    String text = string(name);
    if (text == null) {
      return defaultValue;
    }
    if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
      throw HttpProblem.badRequest(name + " must be an integer from " + min + " to " + max + ", but was '"
          + clip(text) + "'");
    }
    return Integer.parseInt(text);
  }

  /**
   * An instant: ISO-8601 date-time with offset ({@code 2026-05-01T12:00:00Z},
   * {@code 2026-05-01T14:00:00+02:00}) or a date ({@code 2026-05-01}, midnight UTC).
   */
  public @Nullable Instant instant(String name) {
    String text = string(name);
    if (text == null) {
      return null;
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw HttpProblem.badRequest(name + " must be an ISO-8601 date-time with offset such as "
          + "2026-05-01T12:00:00Z, or a date such as 2026-05-01, but was '" + clip(text) + "'");
    }
  }

  /** A value from a fixed vocabulary, matched exactly. */
  public <T> @Nullable T oneOf(String name, List<String> allowed, Function<String, T> convert) {
    String text = string(name);
    if (text == null) {
      return null;
    }
    if (!allowed.contains(text)) {
      throw HttpProblem.badRequest(name + " must be one of " + String.join(", ", allowed) + ", but was '"
          + clip(text) + "'");
    }
    return convert.apply(text);
  }

  private static String decode(String text) {
    byte[] bytes = new byte[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        bytes[n++] = ' ';
      } else if (c == '%') {
        if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
            || Character.digit(text.charAt(i + 2), 16) < 0) {
          throw HttpProblem.badRequest("the query string has a malformed percent-encoding");
        }
        bytes[n++] = (byte) Integer.parseInt(text.substring(i + 1, i + 3), 16);
        i += 2;
      } else if (c > 0x7f) {
        throw HttpProblem.badRequest("the query string must be percent-encoded");
      } else {
        bytes[n++] = (byte) c;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes, 0, n)).toString();
    } catch (CharacterCodingException e) {
      throw HttpProblem.badRequest("the query string is not valid UTF-8");
    }
  }

  private static String clip(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
