package dev.cicd.core.alert;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The default rule set and creation of rules from plain data (type, id, scope, parameters). */
public final class AlertRules {
  /** Every rule type {@link #create} knows, with its parameter names. */
  public static final Map<String, Set<String>> TYPES = Map.of(
      FailedRule.TYPE, Set.of("recoverAfter"),
      EveryFailureRule.TYPE, Set.of(),
      ConsecutiveFailuresRule.TYPE, Set.of("count", "recoverAfter"),
      SuccessRateRule.TYPE, Set.of("thresholdPercent", "lastBuilds", "window", "minSamples"),
      DurationRegressionRule.TYPE, Set.of("factor", "baselineBuilds", "forBuilds", "minBaseline"),
      LongQueueRule.TYPE, Set.of("maxWait"),
      FlakyRule.TYPE, Set.of("minCount", "window"),
      SilentPipelineRule.TYPE, Set.of("maxSilence"));

  /** Id of the default rule. */
  public static final String DEFAULT_RULE_ID = "default-branch-failed";

  private AlertRules() {}

  /** Failed and recovered on each repository's default branch, to every receiver. */
  public static List<AlertRule> defaults() {
    return List.of(FailedRule.of(DEFAULT_RULE_ID, RuleScope.defaultBranch()));
  }

  /**
   * Creates a rule from plain data, as a configuration API receives it. Missing optional parameters
   * take the documented defaults (recoverAfter 1, minSamples 5, baselineBuilds 20, forBuilds 2,
   * minBaseline 5).
   *
   * @throws IllegalArgumentException naming the rule and the bad value
   */
  public static AlertRule create(String type, String id, RuleScope scope, List<String> receivers,
      Map<String, String> parameters) {
    Set<String> known = TYPES.get(type);
    if (known == null) {
      throw new IllegalArgumentException("rule '" + id + "': type must be one of " + TYPES.keySet()
          + ", but was '" + type + "'");
    }
    for (String name : parameters.keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("rule '" + id + "': unknown parameter '" + name + "' for type " + type
            + " (known: " + known + ")");
      }
    }
    Params p = new Params(id, new HashMap<>(parameters));
    try {
      return switch (type) {
        case FailedRule.TYPE -> new FailedRule(id, scope, receivers, p.integer("recoverAfter", 1));
        case EveryFailureRule.TYPE -> new EveryFailureRule(id, scope, receivers);
        case ConsecutiveFailuresRule.TYPE -> new ConsecutiveFailuresRule(id, scope, receivers,
            p.integer("count", null), p.integer("recoverAfter", 1));
        case SuccessRateRule.TYPE -> new SuccessRateRule(id, scope, receivers, p.decimal("thresholdPercent", null),
            p.integer("lastBuilds", 0), p.durationOrNull("window"), p.integer("minSamples", 5));
        case DurationRegressionRule.TYPE -> new DurationRegressionRule(id, scope, receivers,
            p.decimal("factor", null), p.integer("baselineBuilds", 20), p.integer("forBuilds", 2),
            p.integer("minBaseline", 5));
        case LongQueueRule.TYPE -> new LongQueueRule(id, scope, receivers, p.duration("maxWait"));
        case FlakyRule.TYPE -> new FlakyRule(id, scope, receivers, p.integer("minCount", null),
            p.duration("window"));
        default -> new SilentPipelineRule(id, scope, receivers, p.duration("maxSilence"));
      };
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("rule '")) {
        throw e;
      }
      throw new IllegalArgumentException("rule '" + id + "': " + e.getMessage(), e);
    }
  }

  private record Params(String id, Map<String, String> values) {
    int integer(String name, Integer fallback) {
      String v = values.get(name);
      if (v == null) {
        return required(name, fallback);
      }
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be an integer, but was '" + v + "'");
      }
    }

    double decimal(String name, Double fallback) {
      String v = values.get(name);
      if (v == null) {
        return required(name, fallback);
      }
      try {
        return Double.parseDouble(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a number, but was '" + v + "'");
      }
    }

    Duration duration(String name) {
      Duration d = durationOrNull(name);
      return required(name, d);
    }

    Duration durationOrNull(String name) {
      String v = values.get(name);
      if (v == null) {
        return null;
      }
      try {
        return Duration.parse(v.trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT30M, but was '" + v + "'");
      }
    }

    private <T> T required(String name, T value) {
      if (value == null) {
        throw new IllegalArgumentException("parameter " + name + " is required");
      }
      return value;
    }
  }
}
