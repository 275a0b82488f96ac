package dev.cicd.github;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Validation of {@link GitHubConfig} values; messages name the value and never echo secrets. */
final class ConfigChecks {
  private ConfigChecks() {}

  static String apiUrl(String value) {
    Objects.requireNonNull(value, "apiUrl");
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("apiUrl must be an http(s) URL, but was '" + value + "'", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getQuery() != null
        || uri.getFragment() != null || uri.getUserInfo() != null) {
      throw new IllegalArgumentException("apiUrl must be an http(s) URL without query, fragment or credentials, "
          + "e.g. https://api.github.com or https://HOST/api/v3, but was '" + value + "'");
    }
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return text;
  }

  static String token(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || c > 0x7e) {
        throw new IllegalArgumentException("token must be printable ASCII without whitespace (value not shown)");
      }
    }
    return value;
  }

  static List<String> secrets(Collection<String> values) {
    Objects.requireNonNull(values, "webhookSecrets");
    if (values.size() > 2) {
      throw new IllegalArgumentException("webhookSecrets takes at most 2 secrets (new and old during a rotation), "
          + "but " + values.size() + " were given");
    }
    for (String secret : values) {
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("webhookSecrets must not contain null or empty secrets");
      }
    }
    return List.copyOf(values);
  }

  static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
    return value;
  }

  static Duration notNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, but was " + value);
    }
    return value;
  }

  static Duration atLeast(String name, Duration value, Duration min) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", but was " + value);
    }
    return value;
  }

  static int range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", but was " + value);
    }
    return value;
  }

  static String userAgent(String value) {
    Objects.requireNonNull(value, "userAgent");
    if (value.isBlank() || value.length() > 200 || value.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
      throw new IllegalArgumentException("userAgent must be 1 to 200 printable ASCII characters, but was '"
          + value.replaceAll("[^\\x20-\\x7e]", "?") + "'");
    }
    return value;
  }
}
