package dev.cicd.core.alert;

import java.util.List;
import java.util.Map;

/**
 * One alert rule: an immutable value with an id (part of every alert fingerprint, so keep it stable
 * when editing a rule), a scope, receivers and type-specific parameters. Create rules with the record
 * constructors or from plain data with {@link AlertRules#create}.
 */
public sealed interface AlertRule
    permits FailedRule, EveryFailureRule, ConsecutiveFailuresRule, SuccessRateRule, DurationRegressionRule,
        LongQueueRule, FlakyRule, SilentPipelineRule {

  /** Stable id; lower-case letters, digits, {@code . - _}. */
  String id();

  /** Type name, for example {@code failed}; see {@link AlertRules#TYPES}. */
  String type();

  RuleScope scope();

  /** Receiver ids; empty means every receiver. */
  List<String> receivers();

  /** The type-specific parameters as plain text, accepted back by {@link AlertRules#create}. */
  Map<String, String> parameters();

  /** True when the condition can change with time alone, so the periodic tick re-evaluates it. */
  default boolean timeBased() {
    return false;
  }
}
