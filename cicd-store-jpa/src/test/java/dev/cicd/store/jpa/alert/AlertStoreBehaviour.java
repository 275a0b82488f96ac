package dev.cicd.store.jpa.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertRule;
import dev.cicd.core.alert.AlertRules;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.AlertStoreException;
import dev.cicd.core.alert.AlertTransition;
import dev.cicd.core.alert.AlertUpdate;
import dev.cicd.core.alert.ConsecutiveFailuresRule;
import dev.cicd.core.alert.DurationRegressionRule;
import dev.cicd.core.alert.EveryFailureRule;
import dev.cicd.core.alert.FailedRule;
import dev.cicd.core.alert.FlakyRule;
import dev.cicd.core.alert.LongQueueRule;
import dev.cicd.core.alert.NotificationItem;
import dev.cicd.core.alert.NotificationKind;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.QuietHours;
import dev.cicd.core.alert.Receiver;
import dev.cicd.core.alert.RuleScope;
import dev.cicd.core.alert.Silence;
import dev.cicd.core.alert.SilenceMatcher;
import dev.cicd.core.alert.SilentPipelineRule;
import dev.cicd.core.alert.SuccessRateRule;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the contract does not cover, for both databases: configuration round-trips of every rule
 * type, text cleaning, atomic commits and failure translation. Runners open a fresh database per test.
 */
abstract class AlertStoreBehaviour {
  static final Instant T0 = Instant.parse("2025-03-10T10:00:00Z");

  JpaAlertStore store;

  /** A store on a fresh database migrated by a build store. */
  abstract JpaAlertStore newStore();

  /** The data source of the current store. */
  abstract DataSource dataSource();

  /** Closes the build store, and with it the pool the alert store borrows. */
  abstract void closeBuildStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  static AlertConfig everyRuleType() {
    RuleScope hostile = new RuleScope(List.of("octo/*", "🚀/<script>alert(1)</script>"),
        List.of("CI", "it's \"quoted\" \\ %_"), List.of("main", "release/*", "feature/日本語"));
    List<AlertRule> rules = List.of(
        new FailedRule("failed-1", hostile, List.of("ops", "dev"), 3),
        new EveryFailureRule("every.failure", RuleScope.allBranches(), List.of()),
        new ConsecutiveFailuresRule("consecutive_4", RuleScope.defaultBranch().withWorkflows("Deploy"),
            List.of("ops"), 4, 2),
        new SuccessRateRule("rate-last", RuleScope.defaultBranch(), List.of(), 0.1 + 0.2, 12, null, 7),
        new SuccessRateRule("rate-window", hostile, List.of("dev"), 87.5, 0,
            Duration.ofHours(6).plusMinutes(30).plusNanos(1), 3),
        new DurationRegressionRule("slow", RuleScope.allBranches().withRepositories("a/b"), List.of(),
            1.0000000000000002, 30, 3, 10),
        new LongQueueRule("queue", RuleScope.defaultBranch(), List.of("ops"), Duration.ofMinutes(12).plusSeconds(30)),
        new FlakyRule("flaky", RuleScope.allBranches(), List.of(), 2, Duration.ofDays(7)),
        new SilentPipelineRule("silent", RuleScope.defaultBranch().withWorkflows("Nightly *"), List.of(),
            Duration.ofHours(26)));
    List<Receiver> receivers = List.of(
        new Receiver("ops", "slack", true, QuietHours.of("Europe/Berlin", "22:00", "07:00")),
        new Receiver("dev", "mail", false, new QuietHours(ZoneOffset.ofHoursMinutes(5, 30), LocalTime.of(12, 0, 1),
            LocalTime.of(13, 30, 0, 5))),
        new Receiver("utc", "mail", true, new QuietHours(ZoneId.of("UTC"), LocalTime.MIDNIGHT, LocalTime.NOON)),
        new Receiver("plain", "slack", true, null));
    return new AlertConfig(rules, receivers, Duration.ofMillis(1500), Duration.ZERO);
  }

  @Test
  @DisplayName("a configuration with every rule type, parameter, scope and quiet-hours form reads back equal")
  void configRoundTrip() {
    AlertConfig config = everyRuleType();
    assertThat(config.rules().stream().map(AlertRule::type).collect(Collectors.toSet()))
        .as("the test covers every rule type").isEqualTo(AlertRules.TYPES.keySet());
    store.saveConfig(config);
    AlertConfig loaded = store.loadConfig().orElseThrow();
    assertThat(loaded).isEqualTo(config);
    for (int i = 0; i < config.rules().size(); i++) {
      assertThat(loaded.rules().get(i).parameters()).isEqualTo(config.rules().get(i).parameters());
    }
  }

  @Test
  @DisplayName("saving a configuration replaces the previous one entirely")
  void configReplaced() {
    store.saveConfig(everyRuleType());
    AlertConfig smaller = new AlertConfig(List.of(FailedRule.of("only", RuleScope.allBranches())), List.of(),
        Duration.ZERO, Duration.ofHours(24));
    store.saveConfig(smaller);
    assertThat(store.loadConfig()).contains(smaller);
    AlertConfig empty = new AlertConfig(List.of(), List.of(Receiver.of("slack")), Duration.ofSeconds(30),
        Duration.ofDays(1));
    store.saveConfig(empty);
    assertThat(store.loadConfig()).contains(empty);
  }

  @Test
  @DisplayName("NUL is removed and unpaired surrogates become U+FFFD in every text; nothing else changes")
  void textCleaning() {
    AlertInstance instance = AlertInstance.inactive("r", "failed", "octo/api", "CI", "ma\u0000in", T0)
        .moveTo(AlertState.FIRING, T0, 1, T0).describe("sum\u0000mary \uD800 🚀", "github:octo:api:1", "abc");
    NotificationItem item = new NotificationItem(NotificationKind.FIRING, instance.fingerprint(), 1, "r", "failed",
        "octo/api", "C\u0000I", "main", "s", T0, null, 7L, "sha", "fix\u0000 <b>🚀</b> \uDC00", "oct\u0000ocat",
        null, "https://x/\u0000");
    store.commit(new AlertUpdate(0, instance, List.of(), List.of(OutboxEntry.pending("k", "slack", "r", item, null,
        null, null, null, T0, T0)), List.of(), T0));
    AlertInstance stored = store.findInstance(instance.fingerprint()).orElseThrow();
    assertThat(stored.branch()).isEqualTo("main");
    assertThat(stored.summary()).isEqualTo("summary \uFFFD 🚀");
    NotificationItem storedItem = store.findOutbox("k").orElseThrow().item();
    assertThat(storedItem.workflow()).isEqualTo("CI");
    assertThat(storedItem.commitTitle()).isEqualTo("fix <b>🚀</b> \uFFFD");
    assertThat(storedItem.actor()).isEqualTo("octocat");
    assertThat(storedItem.buildUrl()).isEqualTo("https://x/");
    store.saveSilence(new Silence("s", List.of(SilenceMatcher.branch("re\u0000lease/*")), T0, T0.plusSeconds(60),
        "ali\u0000ce", "deploy 🚀", T0));
    Silence silence = store.findSilence("s").orElseThrow();
    assertThat(silence.author()).isEqualTo("alice");
    assertThat(silence.matchers()).containsExactly(SilenceMatcher.branch("release/*"));
  }

  @Test
  @DisplayName("a commit that fails midway writes nothing: no instance, transition or outbox row")
  void commitIsAtomic() {
    AlertInstance firing = AlertInstance.inactive("r", "failed", "octo/api", "CI", "main", T0)
        .moveTo(AlertState.FIRING, T0, 1, T0);
    AlertTransition transition = AlertTransition.of(AlertInstance.inactive("r", "failed", "octo/api", "CI", "main",
        T0), firing, T0, "failed");
    OutboxEntry tooLongKey = row("k".repeat(501), firing);
    assertThatThrownBy(() -> store.commit(new AlertUpdate(0, firing, List.of(transition),
        List.of(row("k1", firing), row("k2", firing), tooLongKey), List.of(), T0)))
        .isInstanceOf(AlertStoreException.class).hasCauseInstanceOf(SQLException.class)
        .hasMessageContaining("Failed to commit alert " + firing.fingerprint());
    assertThat(store.findInstance(firing.fingerprint())).isEmpty();
    assertThat(store.transitions(null, 10)).isEmpty();
    assertThat(store.outbox(null, 10)).isEmpty();

    AlertInstance v1 = store.commit(new AlertUpdate(0, firing, List.of(transition), List.of(row("k1", firing)),
        List.of(), T0));
    assertThatThrownBy(() -> store.commit(new AlertUpdate(1, v1.moveTo(AlertState.RESOLVED, T0, 1, T0),
        List.of(transition), List.of(row("k2", firing), tooLongKey), List.of("k1"), T0)))
        .isInstanceOf(AlertStoreException.class);
    assertThat(store.findInstance(firing.fingerprint())).contains(v1);
    assertThat(store.transitions(null, 10)).hasSize(1);
    assertThat(store.outbox(null, 10)).extracting(OutboxEntry::key).containsExactly("k1");
    assertThat(store.findOutbox("k1").orElseThrow().status()).as("cancel rolled back")
        .isEqualTo(dev.cicd.core.alert.OutboxStatus.PENDING);
  }

  static OutboxEntry row(String key, AlertInstance alert) {
    NotificationItem item = new NotificationItem(NotificationKind.FIRING, alert.fingerprint(), 1, alert.ruleId(),
        alert.ruleType(), alert.repository(), alert.workflow(), alert.branch(), "failed", T0, null, null, null, null,
        null, null, null);
    return OutboxEntry.pending(key, "slack", "slack", item, null, null, null, null, T0, T0);
  }

  @Test
  @DisplayName("opening on a database without the alert tables fails naming the table; bad prefixes are rejected")
  void missingTables() {
    assertThatThrownBy(() -> JpaAlertStore.create(dataSource(), "nope_"))
        .isInstanceOf(AlertStoreException.class)
        .hasMessageContaining("nope_alert_config").hasMessageContaining("JpaBuildStore");
    assertThatThrownBy(() -> JpaAlertStore.create(dataSource(), "Bad-Prefix"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tablePrefix must match");
  }

  @Test
  @DisplayName("every operation fails with AlertStoreException (cause SQLException) once the pool is closed")
  void closedPool() {
    closeBuildStore();
    AlertFailures.assertEveryOperationFails(store);
  }

  @Test
  @DisplayName("every operation fails with AlertStoreException when the database rejects its statements")
  void droppedTables() throws SQLException {
    AlertFailures.dropAlertTables(dataSource(), JpaAlertStore.DEFAULT_TABLE_PREFIX);
    AlertFailures.assertEveryOperationFails(store);
  }

  @Test
  @DisplayName("instances(states) lists by state change time; an empty state set lists nothing")
  void instancesByState() {
    AlertInstance a = AlertInstance.inactive("a", "failed", "o/r", "CI", "main", T0)
        .moveTo(AlertState.FIRING, T0.plusSeconds(5), 1, T0);
    AlertInstance b = AlertInstance.inactive("b", "failed", "o/r", "CI", "main", T0)
        .moveTo(AlertState.PENDING, T0.plusSeconds(1), 1, null);
    store.commit(new AlertUpdate(0, a, List.of(), List.of(), List.of(), T0));
    store.commit(new AlertUpdate(0, b, List.of(), List.of(), List.of(), T0));
    assertThat(store.instances(EnumSet.of(AlertState.FIRING, AlertState.PENDING)))
        .extracting(AlertInstance::ruleId).containsExactly("b", "a");
    assertThat(store.instances(EnumSet.noneOf(AlertState.class))).isEmpty();
  }

  @Test
  @DisplayName("concurrent saves and loads only ever see one whole saved configuration or silence, never a mix")
  void concurrentSaves() throws Exception {
    List<AlertConfig> configs = new ArrayList<>();
    List<Silence> versions = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      List<AlertRule> rules = new ArrayList<>();
      for (int r = 0; r < 25; r++) {
        rules.add(new ConsecutiveFailuresRule("v" + i + "-" + r, RuleScope.allBranches().withWorkflows("w" + i),
            List.of(), 1 + i, 1));
      }
      configs.add(new AlertConfig(rules, List.of(Receiver.of("ch" + i)), Duration.ofSeconds(i), Duration.ofHours(i)));
      versions.add(new Silence("same", List.of(SilenceMatcher.rule("r" + i), SilenceMatcher.branch("b" + i)), T0,
          T0.plusSeconds(60 + i), "author " + i, "reason " + i, T0.plusSeconds(i)));
    }
    store.saveConfig(configs.get(0));
    store.saveSilence(versions.get(0));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int offset = t;
        futures.add(pool.submit(() -> {
          for (int round = 0; round < 12; round++) {
            store.saveConfig(configs.get((offset + round) % configs.size()));
            store.saveSilence(versions.get((offset + round) % versions.size()));
          }
        }));
      }
      futures.add(pool.submit(() -> {
        for (int round = 0; round < 40; round++) {
          assertThat(configs).contains(store.loadConfig().orElseThrow());
          assertThat(versions).contains(store.findSilence("same").orElseThrow());
        }
      }));
      for (Future<?> f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(configs).contains(store.loadConfig().orElseThrow());
    assertThat(store.silences()).hasSize(1);
    assertThat(versions).contains(store.findSilence("same").orElseThrow());
  }
}
