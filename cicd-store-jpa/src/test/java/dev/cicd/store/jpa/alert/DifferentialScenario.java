package dev.cicd.store.jpa.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.AlertUpdate;
import dev.cicd.core.alert.ConcurrentAlertModificationException;
import dev.cicd.core.alert.InMemoryAlertStore;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One seeded random sequence of AlertStore calls, made on the store under test and on the reference
 * {@link InMemoryAlertStore}; every answer (returned records, exceptions) must be equal. Covers the
 * round-trip of every field the reference keeps, the orderings, leasing and the cancel rules.
 */
final class DifferentialScenario {
  private final AlertStore actual;
  private final AlertStore expected = new InMemoryAlertStore();
  private final RandomAlertData data;
  /** Rows the reference store handed out in claims, so that complete and reschedule hit leased rows. */
  private final List<OutboxEntry> claimed = new ArrayList<>();
  private int step;
  private int comparisons;

  DifferentialScenario(AlertStore actual, long seed) {
    this.actual = actual;
    this.data = new RandomAlertData(seed);
  }

  /** @return how many answers were compared */
  int run(int steps) {
    for (step = 0; step < steps; step++) {
      switch (data.below(12)) {
        case 0, 1, 2 -> commit();
        case 3, 4 -> claim();
        case 5, 6 -> finish();
        case 7, 8 -> {
          Instant at = data.time();
          Instant next = data.coarseTime();
          OutboxEntry target = target();
          String key = target.key();
          String owner = ownerFor(target);
          String error = data.nullableText();
          boolean attempted = data.chance(0.5);
          same("reschedule", s -> s.reschedule(key, owner, at, next, error, attempted));
        }
        case 9 -> {
          var silence = data.silence();
          same("saveSilence", s -> {
            s.saveSilence(silence);
            return s.silences();
          });
          Instant now = data.time();
          same("activeSilences", s -> s.activeSilences(now));
        }
        default -> reads();
      }
    }
    reads();
    return comparisons;
  }

  private void commit() {
    String ruleId = data.pick(RandomAlertData.RULES);
    AlertInstance instance = data.instance(ruleId);
    long current = expected.findInstance(instance.fingerprint()).map(AlertInstance::version).orElse(0L);
    long version = data.chance(0.85) ? current : current + data.pick(List.of(-1L, 1L, 2L));
    AlertUpdate update = new AlertUpdate(version, instance, data.transitions(instance), data.rows(), data.keys(),
        data.time());
    same("commit", s -> s.commit(update));
  }

  private void claim() {
    String channel = data.chance(0.3) ? null : data.pick(List.of("slack", "mail"));
    Instant now = !claimed.isEmpty() && data.chance(0.3) ? data.pick(claimed).leaseUntil() : data.coarseTime();
    int limit = data.below(7);
    String owner = data.pick(List.of("o1", "o2"));
    Duration lease = data.chance(0.5) ? Duration.ofSeconds(1 + data.below(3)) : data.lease();
    if (same("claimDue", s -> s.claimDue(channel, now, limit, owner, lease)) instanceof List<?> rows) {
      rows.forEach(row -> claimed.add((OutboxEntry) row));
    }
  }

  /** A row claimed earlier (70%), or any key. */
  private OutboxEntry target() {
    if (!claimed.isEmpty() && data.chance(0.7)) {
      return data.pick(claimed);
    }
    return OutboxEntry.pending(data.key(), "slack", "r1", data.item(), null, null, null, null, data.time(),
        data.time());
  }

  /** Mostly the owner that claimed the row, sometimes another one. */
  private String ownerFor(OutboxEntry target) {
    return target.leaseOwner() != null && data.chance(0.8) ? target.leaseOwner() : data.pick(List.of("o1", "o2"));
  }

  private void finish() {
    OutboxEntry target = target();
    String key = target.key();
    String owner = ownerFor(target);
    OutboxStatus status = data.chance(0.1) ? OutboxStatus.PENDING : data.pick(List.of(OutboxStatus.SENT,
        OutboxStatus.FAILED, OutboxStatus.SUPPRESSED, OutboxStatus.CANCELLED));
    Instant at = data.time();
    String detail = data.nullableText();
    boolean attempted = data.chance(0.5);
    same("complete", s -> s.complete(key, owner, status, at, detail, attempted));
  }

  private void reads() {
    String key = data.key();
    same("findOutbox", s -> s.findOutbox(key));
    OutboxStatus status = data.chance(0.4) ? null : data.pick(OutboxStatus.class);
    int limit = data.below(12) - 1;
    same("outbox", s -> s.outbox(status, limit));
    same("outbox all", s -> s.outbox(null, 1_000));
    same("outboxCounts", AlertStore::outboxCounts);
    String group = data.pick(List.of("g1", "g2", "g3"));
    same("groupRelease", s -> s.groupRelease(group));
    Set<AlertState> states = EnumSet.noneOf(AlertState.class);
    for (AlertState state : AlertState.values()) {
      if (data.chance(0.5)) {
        states.add(state);
      }
    }
    same("instances", s -> s.instances(states));
    String fingerprint = data.chance(0.3) ? null
        : RandomAlertData.scopeOf(data.pick(RandomAlertData.RULES)).fingerprint();
    int transitionLimit = data.below(12) - 1;
    same("transitions", s -> s.transitions(fingerprint, transitionLimit));
    same("all transitions", s -> s.transitions(null, 10_000));
    if (fingerprint != null) {
      same("findInstance", s -> s.findInstance(fingerprint));
    }
    String silenceId = data.pick(List.of("s1", "s2", "s-🚀", "s4", "none"));
    same("findSilence", s -> s.findSilence(silenceId));
  }

  /** @return the reference's answer, after checking that the store under test gave the same */
  private Object same(String what, Function<AlertStore, Object> call) {
    Object want = outcome(expected, call);
    Object got = outcome(actual, call);
    assertThat(got).as("step %d: %s", step, what).isEqualTo(want);
    comparisons++;
    return want;
  }

  private static Object outcome(AlertStore store, Function<AlertStore, Object> call) {
    try {
      return call.apply(store);
    } catch (ConcurrentAlertModificationException e) {
      return "ConcurrentAlertModificationException: " + e.getMessage();
    } catch (IllegalArgumentException e) {
      return "IllegalArgumentException: " + e.getMessage();
    }
  }
}
