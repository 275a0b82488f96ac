package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.Glob;
import java.util.Objects;

/**
 * One condition of a {@link Silence}: a field of the alert must match a glob ({@code *} matches any
 * run of characters).
 */
public record SilenceMatcher(Field field, String pattern) {
  /** The alert fields a silence can match. */
  public enum Field { RULE, REPOSITORY, WORKFLOW, BRANCH }

  public SilenceMatcher {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(pattern, "pattern");
    if (pattern.isBlank()) {
      throw new IllegalArgumentException("silence matcher pattern for " + field + " must not be blank");
    }
  }

  public static SilenceMatcher repository(String pattern) {
    return new SilenceMatcher(Field.REPOSITORY, pattern);
  }

  public static SilenceMatcher workflow(String pattern) {
    return new SilenceMatcher(Field.WORKFLOW, pattern);
  }

  public static SilenceMatcher branch(String pattern) {
    return new SilenceMatcher(Field.BRANCH, pattern);
  }

  public static SilenceMatcher rule(String pattern) {
    return new SilenceMatcher(Field.RULE, pattern);
  }

  public boolean matches(String ruleId, String repository, String workflow, String branch) {
    String value = switch (field) {
      case RULE -> ruleId;
      case REPOSITORY -> repository;
      case WORKFLOW -> workflow;
      case BRANCH -> branch;
    };
    return Glob.matches(pattern, value);
  }
}
