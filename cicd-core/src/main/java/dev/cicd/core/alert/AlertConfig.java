package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The alerting configuration as plain data: rules, receivers and timers.
 *
 * @param receivers when empty, every channel gets an implicit receiver with its own id
 * @param groupWait alerts of one repository and commit that fire within this wait go out together
 * @param repeatInterval reminder interval while an alert keeps firing; {@link Duration#ZERO} turns
 *     reminders off
 */
public record AlertConfig(List<AlertRule> rules, List<Receiver> receivers, Duration groupWait,
    Duration repeatInterval) {
  public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(24);

  public AlertConfig {
    rules = List.copyOf(rules);
    receivers = List.copyOf(receivers);
    Checks.notNegative("groupWait", groupWait);
    Checks.notNegative("repeatInterval", repeatInterval);
    requireUnique("rule id", rules.stream().map(AlertRule::id).toList());
    requireUnique("receiver id", receivers.stream().map(Receiver::id).toList());
  }

  /** {@link AlertRules#defaults()}, implicit receivers, default timers. */
  public static AlertConfig defaults() {
    return of(AlertRules.defaults());
  }

  public static AlertConfig of(List<AlertRule> rules, Receiver... receivers) {
    return new AlertConfig(rules, List.of(receivers), DEFAULT_GROUP_WAIT, DEFAULT_REPEAT_INTERVAL);
  }

  public AlertConfig withRules(List<AlertRule> newRules) {
    return new AlertConfig(newRules, receivers, groupWait, repeatInterval);
  }

  public AlertConfig withGroupWait(Duration value) {
    return new AlertConfig(rules, receivers, value, repeatInterval);
  }

  public AlertConfig withRepeatInterval(Duration value) {
    return new AlertConfig(rules, receivers, groupWait, value);
  }

  public Optional<AlertRule> rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The receivers in force: the configured ones, or one per channel when none are configured. */
  public List<Receiver> effectiveReceivers(Collection<String> channelIds) {
    return receivers.isEmpty() ? channelIds.stream().sorted().map(Receiver::of).toList() : receivers;
  }

  /** The receivers of {@code rule}: its own list, or every effective receiver when the list is empty. */
  public List<Receiver> receiversOf(AlertRule rule, Collection<String> channelIds) {
    List<Receiver> all = effectiveReceivers(channelIds);
    if (rule.receivers().isEmpty()) {
      return all;
    }
    return all.stream().filter(r -> rule.receivers().contains(r.id())).toList();
  }

  /**
   * Cross-reference problems against the channels that exist: receivers naming unknown channels and
   * rules naming unknown receivers. Each message names the bad value. Empty when valid.
   */
  public List<String> problems(Collection<String> channelIds) {
    List<String> problems = new ArrayList<>();
    for (Receiver receiver : receivers) {
      if (!channelIds.contains(receiver.channel())) {
        problems.add("receiver '" + receiver.id() + "': channel must be one of " + sorted(channelIds)
            + ", but was '" + receiver.channel() + "'");
      }
    }
    Set<String> receiverIds = new HashSet<>();
    effectiveReceivers(channelIds).forEach(r -> receiverIds.add(r.id()));
    for (AlertRule rule : rules) {
      for (String receiver : rule.receivers()) {
        if (!receiverIds.contains(receiver)) {
          problems.add("rule '" + rule.id() + "': receiver must be one of " + sorted(receiverIds)
              + ", but was '" + receiver + "'");
        }
      }
    }
    return problems;
  }

  private static List<String> sorted(Collection<String> values) {
    return values.stream().sorted().toList();
  }

  private static void requireUnique(String what, List<String> ids) {
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (!seen.add(id)) {
        throw new IllegalArgumentException(what + " must be unique, but '" + id + "' appears twice");
      }
    }
  }
}
