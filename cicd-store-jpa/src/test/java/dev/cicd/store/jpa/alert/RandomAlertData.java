package dev.cicd.store.jpa.alert;

import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.AlertTransition;
import dev.cicd.core.alert.NotificationItem;
import dev.cicd.core.alert.NotificationKind;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.core.alert.Silence;
import dev.cicd.core.alert.SilenceMatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random alert records with hostile text in every string field and nulls in every nullable one. */
final class RandomAlertData {
  static final Instant T0 = Instant.parse("2025-03-10T10:00:00Z");
  static final List<String> RULES = List.of("a", "b", "c", "d");

  private final Random random;

  RandomAlertData(long seed) {
    this.random = new Random(seed);
  }

  Random random() {
    return random;
  }

  int below(int bound) {
    return random.nextInt(bound);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  <E extends Enum<E>> E pick(Class<E> type) {
    E[] values = type.getEnumConstants();
    return values[random.nextInt(values.length)];
  }

  String text() {
    return HostileText.pick(random.nextInt(1_000));
  }

  String nonBlankText() {
    String t = text();
    return t.isBlank() ? "reason ✓" : t;
  }

  String nullableText() {
    return chance(0.3) ? null : text();
  }

  /** An instant near T0 with nanoseconds, so that precision loss would show. */
  Instant time() {
    return T0.plusSeconds(random.nextInt(400)).plusNanos(chance(0.5) ? 0 : random.nextInt(1_000_000_000));
  }

  /** One of a few whole seconds, so that orderings hit ties and their tie-breakers. */
  Instant coarseTime() {
    return chance(0.5) ? T0.plusSeconds(below(5)) : time();
  }

  Instant nullableTime() {
    return chance(0.3) ? null : time();
  }

  String key() {
    return "k" + (chance(0.2) ? "-ü-" : "") + random.nextInt(25);
  }

  String nullableKey() {
    return chance(0.4) ? null : key();
  }

  /** The alert of rule {@code ruleId}: its scope strings are fixed per rule, so its fingerprint is stable. */
  static AlertInstance scopeOf(String ruleId) {
    int i = RULES.indexOf(ruleId);
    return AlertInstance.inactive(ruleId, "failed", HostileText.pick(i), HostileText.pick(i + 3),
        HostileText.pick(i + 6), T0);
  }

  AlertInstance instance(String ruleId) {
    AlertInstance scope = scopeOf(ruleId);
    return new AlertInstance(scope.fingerprint(), ruleId, pick(List.of("failed", "flaky", "success-rate")),
        scope.repository(), scope.workflow(), scope.branch(), pick(AlertState.class), time(), random.nextInt(5),
        nullableTime(), nullableTime(), random.nextInt(9), nullableKey(), nullableKey(), nullableText(), text(),
        nullableText(), nullableText(), random.nextInt(3));
  }

  List<AlertTransition> transitions(AlertInstance instance) {
    List<AlertTransition> list = new ArrayList<>();
    for (int i = below(3); i > 0; i--) {
      list.add(new AlertTransition(instance.fingerprint(), instance.ruleId(), instance.repository(),
          instance.workflow(), instance.branch(), pick(AlertState.class), pick(AlertState.class), below(5), time(),
          text(), nullableText()));
    }
    return list;
  }

  NotificationItem item() {
    return new NotificationItem(pick(NotificationKind.class), text(), random.nextLong(), text(), text(), text(),
        text(), text(), text(), time(), nullableText(), chance(0.3) ? null : random.nextLong(), nullableText(),
        nullableText(), nullableText(), chance(0.3) ? null : (long) below(1_000_000), nullableText());
  }

  /** Mostly new pending rows; sometimes a row with every delivery field set. */
  OutboxEntry row() {
    String channel = pick(List.of("slack", "mail"));
    String group = chance(0.5) ? null : pick(List.of("g1", "g2"));
    if (chance(0.8)) {
      return OutboxEntry.pending(key(), channel, pick(List.of("r1", "r2")), item(), group, nullableKey(),
          nullableKey(), nullableKey(), coarseTime(), coarseTime());
    }
    return new OutboxEntry(key(), channel, "r3", item(), group, nullableKey(), nullableKey(), nullableKey(),
        pick(OutboxStatus.class), below(4), time(), time(), nullableTime(), nullableText(),
        chance(0.5) ? null : pick(List.of("o1", "o2")), nullableTime());
  }

  List<OutboxEntry> rows() {
    List<OutboxEntry> rows = new ArrayList<>();
    for (int i = below(4); i > 0; i--) {
      rows.add(row());
    }
    return rows;
  }

  List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (int i = below(4); i > 0; i--) {
      keys.add(chance(0.1) ? "unknown" : key());
    }
    return keys;
  }

  Duration lease() {
    return Duration.ofSeconds(1 + below(120)).plusNanos(below(1_000));
  }

  Silence silence() {
    List<SilenceMatcher> matchers = new ArrayList<>();
    for (int i = 1 + below(3); i > 0; i--) {
      matchers.add(new SilenceMatcher(pick(SilenceMatcher.Field.class), nonBlankText()));
    }
    Instant start = time();
    return new Silence(pick(List.of("s1", "s2", "s-🚀", "s4")), matchers, start,
        start.plusSeconds(1 + below(600)).plusNanos(below(1_000)), nonBlankText(), nonBlankText(), time());
  }
}
