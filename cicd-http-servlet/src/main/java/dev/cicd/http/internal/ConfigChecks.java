package dev.cicd.http.internal;

import dev.cicd.http.HttpConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Validation of {@link HttpConfig} values; messages name the setting and the bad value. */
public final class ConfigChecks {
  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?");
  private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:[0-9]{1,5})?");

  private ConfigChecks() {}

  public static String proxy(String value) {
    Objects.requireNonNull(value, "trustedProxies");
    if (!TrustedProxies.isValid(value)) {
      throw new IllegalArgumentException("trustedProxies must be IP addresses or CIDR ranges, but was '" + value + "'");
    }
    return value;
  }

  public static String origin(String value) {
    Objects.requireNonNull(value, "allowedOrigins");
    if (!ORIGIN.matcher(value).matches()) {
      throw new IllegalArgumentException("allowedOrigins must look like https://host[:port] in lower case, but was '"
          + value + "'");
    }
    return value;
  }

  public static String host(String value) {
    Objects.requireNonNull(value, "githubHost");
    if (!HOST.matcher(value).matches()) {
      throw new IllegalArgumentException("githubHost must be a lower-case host name such as github.com, but was '"
          + value + "'");
    }
    return value;
  }

  public static long range(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", but was " + value);
    }
    return value;
  }

  public static Duration positiveAtMost(String name, Duration value, Duration max, String why) {
    positive(name, value);
    if (value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be at most " + max + " (" + why + "), but was " + value);
    }
    return value;
  }

  public static @Nullable String token(String name, @Nullable String value) {
    if (value == null) {
      return null;
    }
    if (value.length() < HttpConfig.MIN_TOKEN_LENGTH || value.length() > 512) {
      throw new IllegalArgumentException(name + " must be " + HttpConfig.MIN_TOKEN_LENGTH + " to 512 characters, but was "
          + value.length() + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException(name + " must be printable ASCII without spaces");
      }
    }
    return value;
  }

  public static int range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", but was " + value);
    }
    return value;
  }

  public static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
    return value;
  }
}
