package dev.cicd.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AlertStore} must pass. Extend it and implement {@link #newStore()} (an
 * empty store per test); shipped in the cicd-core test-jar.
 */
public abstract class AlertStoreContract {
  protected static final Instant T0 = Instant.parse("2025-03-10T10:00:00Z");

  protected AlertStore store;

  /** @return a new, empty store */
  protected abstract AlertStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  protected static AlertInstance instance(String ruleId, AlertState state) {
    return AlertInstance.inactive(ruleId, "failed", "octo/api", "CI", "main", T0).moveTo(state, T0, 1, null);
  }

  protected static NotificationItem item(String fingerprint) {
    return new NotificationItem(NotificationKind.FIRING, fingerprint, 1, "r", "failed", "octo/api", "CI", "main",
        "build #1 failed", T0, "github:octo:api:1", 1L, "abc", "Fix <b>", "octocat", 1000L, "https://github.com/x");
  }

  protected static OutboxEntry row(String key, String channel, Instant due) {
    return OutboxEntry.pending(key, channel, "rcv", item("fp"), null, null, null, null, T0, due);
  }

  protected AlertInstance commit(AlertInstance next, long expectedVersion, List<OutboxEntry> rows) {
    return store.commit(new AlertUpdate(expectedVersion, next,
        List.of(AlertTransition.of(AlertInstance.inactive("x", "failed", "octo/api", "CI", "main", T0), next, T0, "t")),
        rows, List.of(), T0));
  }

  @Test
  @DisplayName("the hook returns a store")
  void hookReturnsStore() {
    assertThat(store).isNotNull();
  }

  @Nested
  @DisplayName("configuration")
  class Configuration {
    @Test
    @DisplayName("is empty until saved, then the saved value is returned")
    void saveAndLoad() {
      assertThat(store.loadConfig()).isEmpty();
      AlertConfig config = AlertConfig.of(List.of(new ConsecutiveFailuresRule("c", RuleScope.allBranches(),
          List.of("r"), 3, 2), SuccessRateRule.window("w", RuleScope.defaultBranch(), 80, Duration.ofHours(6), 5)),
          new Receiver("r", "slack", false, QuietHours.of("Europe/Berlin", "22:00", "07:00")));
      store.saveConfig(config);
      assertThat(store.loadConfig()).contains(config);
      store.saveConfig(AlertConfig.defaults());
      assertThat(store.loadConfig()).contains(AlertConfig.defaults());
    }
  }

  @Nested
  @DisplayName("alert instances and commit")
  class Commit {
    @Test
    @DisplayName("unknown fingerprints give empty results")
    void unknown() {
      assertThat(store.findInstance("nope")).isEmpty();
      assertThat(store.instances(EnumSet.allOf(AlertState.class))).isEmpty();
      assertThat(store.transitions("nope", 10)).isEmpty();
    }

    @Test
    @DisplayName("commit stores the instance with the next version, its transition and its outbox rows")
    void commitsAll() {
      AlertInstance firing = instance("r", AlertState.FIRING);
      AlertInstance stored = commit(firing, 0, List.of(row("k1", "slack", T0), row("k2", "mail", T0)));
      assertThat(stored.version()).isEqualTo(1);
      assertThat(store.findInstance(firing.fingerprint())).contains(stored);
      assertThat(store.transitions(firing.fingerprint(), 10)).hasSize(1);
      assertThat(store.findOutbox("k1")).get().extracting(OutboxEntry::status).isEqualTo(OutboxStatus.PENDING);
      assertThat(store.findOutbox("k1").orElseThrow().item()).isEqualTo(item("fp"));
      assertThat(store.instances(EnumSet.of(AlertState.FIRING))).containsExactly(stored);
      assertThat(store.instances(EnumSet.of(AlertState.PENDING))).isEmpty();
    }

    @Test
    @DisplayName("a stale version is rejected and nothing of the update is written")
    void staleVersion() {
      AlertInstance firing = instance("r", AlertState.FIRING);
      commit(firing, 0, List.of());
      assertThatThrownBy(() -> commit(firing, 0, List.of(row("k9", "slack", T0))))
          .isInstanceOf(ConcurrentAlertModificationException.class);
      assertThat(store.findOutbox("k9")).isEmpty();
      assertThat(store.transitions(null, 10)).hasSize(1);
    }

    @Test
    @DisplayName("of concurrent commits from one version exactly one wins")
    void concurrentCommits() throws Exception {
      AlertInstance base = commit(instance("r", AlertState.PENDING), 0, List.of());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          int n = i;
          results.add(pool.submit(() -> {
            try {
              commit(base.moveTo(AlertState.FIRING, T0, 1, T0), base.version(), List.of(row("c" + n, "slack", T0)));
              return true;
            } catch (ConcurrentAlertModificationException e) {
              return false;
            }
          }));
        }
        int wins = 0;
        for (Future<Boolean> f : results) {
          wins += f.get() ? 1 : 0;
        }
        assertThat(wins).isEqualTo(1);
        assertThat(store.outbox(null, 20)).hasSize(1);
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    @DisplayName("an outbox row whose key exists is skipped, leaving the stored row")
    void duplicateKey() {
      AlertInstance v1 = commit(instance("r", AlertState.FIRING), 0, List.of(row("k", "slack", T0)));
      OutboxEntry other = OutboxEntry.pending("k", "mail", "x", item("other"), null, null, null, null, T0, T0);
      commit(v1, 1, List.of(other));
      assertThat(store.findOutbox("k").orElseThrow().channelId()).isEqualTo("slack");
    }

    @Test
    @DisplayName("cancelPending cancels pending unleased rows only; unknown keys are ignored")
    void cancel() {
      AlertInstance v1 = commit(instance("r", AlertState.FIRING), 0,
          List.of(row("a", "slack", T0), row("b", "slack", T0), row("c", "mail", T0.plusSeconds(60))));
      store.claimDue("slack", T0, 1, "owner", Duration.ofMinutes(1));
      store.commit(new AlertUpdate(1, v1, List.of(), List.of(), List.of("a", "b", "c", "zzz"), T0));
      assertThat(store.findOutbox("a").orElseThrow().status()).as("leased").isEqualTo(OutboxStatus.PENDING);
      assertThat(store.findOutbox("b").orElseThrow().status()).isEqualTo(OutboxStatus.CANCELLED);
      assertThat(store.findOutbox("c").orElseThrow().status()).isEqualTo(OutboxStatus.CANCELLED);
    }

    @Test
    @DisplayName("transitions are listed newest first and filtered by fingerprint")
    void transitionOrder() {
      AlertInstance a = instance("a", AlertState.FIRING);
      AlertInstance b = instance("b", AlertState.FIRING);
      commit(a, 0, List.of());
      commit(b, 0, List.of());
      assertThat(store.transitions(null, 10)).extracting(AlertTransition::fingerprint)
          .containsExactly(b.fingerprint(), a.fingerprint());
      assertThat(store.transitions(null, 1)).hasSize(1);
      assertThat(store.transitions(a.fingerprint(), 10)).extracting(AlertTransition::fingerprint)
          .containsExactly(a.fingerprint());
    }
  }

  @Nested
  @DisplayName("outbox delivery")
  class Delivery {
    @BeforeEach
    void seed() {
      commit(instance("r", AlertState.FIRING), 0, List.of(row("late", "slack", T0.plusSeconds(30)),
          row("early", "slack", T0), row("mail", "mail", T0)));
    }

    @Test
    @DisplayName("claimDue returns due rows of the channel in due order, leased to the caller")
    void claimDue() {
      List<OutboxEntry> claimed = store.claimDue("slack", T0.plusSeconds(60), 10, "me", Duration.ofMinutes(1));
      assertThat(claimed).extracting(OutboxEntry::key).containsExactly("early", "late");
      assertThat(claimed).allSatisfy(r -> {
        assertThat(r.leaseOwner()).isEqualTo("me");
        assertThat(r.leaseUntil()).isEqualTo(T0.plusSeconds(120));
      });
      assertThat(store.claimDue(null, T0, 10, "me", Duration.ofMinutes(1))).extracting(OutboxEntry::key)
          .containsExactly("mail");
    }

    @Test
    @DisplayName("a leased row is not claimed again until its lease expires")
    void leasing() {
      assertThat(store.claimDue(T0, 10, "a", Duration.ofMinutes(1))).hasSize(2);
      assertThat(store.claimDue(T0.plusSeconds(59), 10, "b", Duration.ofMinutes(1))).extracting(OutboxEntry::key)
          .as("only the row that was not due before").containsExactly("late");
      assertThat(store.claimDue(T0.plusSeconds(60), 10, "b", Duration.ofMinutes(1))).extracting(OutboxEntry::key)
          .containsExactlyInAnyOrder("early", "mail");
    }

    @Test
    @DisplayName("concurrent claimers never receive the same row")
    void concurrentClaims() throws Exception {
      AlertInstance current = store.findInstance(instance("r", AlertState.FIRING).fingerprint()).orElseThrow();
      List<OutboxEntry> many = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        many.add(row("m" + i, "bulk", T0));
      }
      store.commit(new AlertUpdate(current.version(), current, List.of(), many, List.of(), T0));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<OutboxEntry>>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String owner = "o" + i;
          futures.add(pool.submit(() -> store.claimDue("bulk", T0, 9, owner, Duration.ofMinutes(1))));
        }
        Set<String> seen = Collections.synchronizedSet(new HashSet<>());
        int total = 0;
        for (Future<List<OutboxEntry>> f : futures) {
          for (OutboxEntry e : f.get()) {
            assertThat(seen.add(e.key())).as("claimed twice: " + e.key()).isTrue();
            total++;
          }
        }
        assertThat(total).isEqualTo(60);
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    @DisplayName("complete and reschedule work only for the lease owner and record attempts")
    void completeAndReschedule() {
      store.claimDue("slack", T0, 1, "me", Duration.ofMinutes(1));
      assertThat(store.complete("early", "other", OutboxStatus.SENT, T0, null, true)).isFalse();
      assertThat(store.reschedule("early", "me", T0, T0.plusSeconds(10), "HTTP 503", true)).isTrue();
      OutboxEntry retried = store.findOutbox("early").orElseThrow();
      assertThat(retried.status()).isEqualTo(OutboxStatus.PENDING);
      assertThat(retried.attempts()).isEqualTo(1);
      assertThat(retried.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));
      assertThat(retried.lastError()).isEqualTo("HTTP 503");
      assertThat(retried.lastAttemptAt()).isEqualTo(T0);
      assertThat(retried.leaseOwner()).isNull();
      assertThat(store.complete("early", "me", OutboxStatus.SENT, T0, null, true)).as("lease released").isFalse();
      store.claimDue("slack", T0.plusSeconds(10), 1, "me", Duration.ofMinutes(1));
      assertThat(store.complete("early", "me", OutboxStatus.FAILED, T0.plusSeconds(11), "HTTP 404", true)).isTrue();
      OutboxEntry failed = store.findOutbox("early").orElseThrow();
      assertThat(failed.status()).isEqualTo(OutboxStatus.FAILED);
      assertThat(failed.attempts()).isEqualTo(2);
      assertThat(failed.lastError()).isEqualTo("HTTP 404");
      assertThat(store.complete("early", "me", OutboxStatus.SENT, T0, null, true)).as("final").isFalse();
      assertThat(store.complete("unknown", "me", OutboxStatus.SENT, T0, null, true)).isFalse();
      assertThat(store.reschedule("unknown", "me", T0, T0, null, false)).isFalse();
    }

    @Test
    @DisplayName("outbox lists newest first by status, and counts rows per status")
    void listingAndCounts() {
      store.claimDue("mail", T0, 1, "me", Duration.ofMinutes(1));
      store.complete("mail", "me", OutboxStatus.SENT, T0, null, true);
      assertThat(store.outbox(OutboxStatus.SENT, 10)).extracting(OutboxEntry::key).containsExactly("mail");
      assertThat(store.outbox(null, 10)).hasSize(3);
      assertThat(store.outbox(null, 2)).hasSize(2);
      assertThat(store.outboxCounts()).containsEntry(OutboxStatus.PENDING, 2L).containsEntry(OutboxStatus.SENT, 1L);
    }

    @Test
    @DisplayName("groupRelease is the earliest due time of never-attempted pending rows of the group")
    void groupRelease() {
      AlertInstance current = store.findInstance(instance("r", AlertState.FIRING).fingerprint()).orElseThrow();
      OutboxEntry g1 = OutboxEntry.pending("g1", "slack", "rcv", item("fp"), "grp", null, null, null, T0,
          T0.plusSeconds(30));
      OutboxEntry g2 = OutboxEntry.pending("g2", "slack", "rcv", item("fp"), "grp", null, null, null, T0,
          T0.plusSeconds(40));
      store.commit(new AlertUpdate(current.version(), current, List.of(), List.of(g1, g2), List.of(), T0));
      assertThat(store.groupRelease("grp")).contains(T0.plusSeconds(30));
      assertThat(store.groupRelease("none")).isEmpty();
    }
  }

  @Nested
  @DisplayName("silences")
  class Silences {
    @Test
    @DisplayName("are saved, replaced by id, listed newest first and filtered by activity")
    void saveAndList() {
      Silence older = new Silence("s1", List.of(SilenceMatcher.repository("octo/*")), T0, T0.plusSeconds(3600),
          "alice", "maintenance", T0);
      Silence newer = new Silence("s2", List.of(SilenceMatcher.branch("main"), SilenceMatcher.rule("r")),
          T0.plusSeconds(60), T0.plusSeconds(120), "bob", "deploy", T0.plusSeconds(1));
      store.saveSilence(older);
      store.saveSilence(newer);
      assertThat(store.silences()).containsExactly(newer, older);
      assertThat(store.findSilence("s1")).contains(older);
      assertThat(store.findSilence("zzz")).isEmpty();
      assertThat(store.activeSilences(T0)).containsExactly(older);
      Silence ended = older.expire(T0.plusSeconds(10));
      store.saveSilence(ended);
      assertThat(store.findSilence("s1")).contains(ended);
      assertThat(store.activeSilences(T0.plusSeconds(60))).containsExactly(newer);
    }
  }
}
