package dev.cicd.core.alert.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks whose messages name the bad value. */
public final class Checks {
  public static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern RECEIVER_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private Checks() {}

  public static String ruleId(String id) {
    Objects.requireNonNull(id, "rule id");
    if (!RULE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("rule id must match " + RULE_ID + ", but was '" + id + "'");
    }
    return id;
  }

  public static List<String> receivers(List<String> receivers) {
    if (receivers == null) {
      return List.of();
    }
    for (String r : receivers) {
      if (r == null || !RECEIVER_ID.matcher(r).matches()) {
        throw new IllegalArgumentException("receivers must match " + RECEIVER_ID + ", but contained '" + r + "'");
      }
    }
    return List.copyOf(receivers);
  }

  public static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", but was " + value);
    }
    return value;
  }

  public static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
    return value;
  }

  public static Duration notNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, but was " + value);
    }
    return value;
  }
}
