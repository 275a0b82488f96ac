package dev.cicd.store.jpa.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.OutboxStatus;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * D3/D6 on H2: a process killed with SIGKILL while committing alerts leaves, after reopening, every
 * commit that returned, and every stored alert with all of its transition and outbox rows (none half).
 */
class H2AlertCrashTest {

  @Test
  @DisplayName("after kill -9 mid-commit every returned commit is there and no alert lacks its outbox rows")
  void commitsSurviveKill() throws Exception {
    try (H2Database db = new H2Database()) {
      List<String> committed = new ArrayList<>();
      committed.addAll(commitUntilKilled(db.directory(), "first", 150));
      committed.addAll(commitUntilKilled(db.directory(), "second", 90));
      JpaAlertStore store = db.open().alerts();
      for (String ruleId : committed) {
        String fingerprint = AlertInstance.fingerprint(ruleId, "octo/api", "CI 🚀", "main");
        assertThat(store.findInstance(fingerprint)).as(ruleId).isPresent();
      }
      List<AlertInstance> stored = store.instances(EnumSet.allOf(AlertState.class));
      assertThat(stored.size()).as("commits that returned, plus any the reader had not seen yet")
          .isGreaterThanOrEqualTo(committed.size());
      for (AlertInstance alert : stored) {
        assertThat(store.findOutbox(alert.fingerprint() + ".a")).as(alert.ruleId()).isPresent();
        assertThat(store.findOutbox(alert.fingerprint() + ".b")).as(alert.ruleId()).isPresent();
        assertThat(store.transitions(alert.fingerprint(), 10)).as(alert.ruleId()).hasSize(1);
      }
      assertThat(store.outboxCounts().get(OutboxStatus.PENDING)).as("no outbox row without its alert")
          .isEqualTo(2L * stored.size());
      assertThat(store.transitions(null, 10_000)).hasSize(stored.size());
    }
  }

  /** Starts a writer process, kills it with SIGKILL after {@code lines} commits, returns what it printed. */
  private static List<String> commitUntilKilled(Path dir, String prefix, int lines) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", AlertCommitWriterProcess.class.getName(), dir.toString(),
        prefix)
        .redirectError(new File(dir.toFile(), prefix + ".err"))
        .start();
    List<String> printed = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (printed.size() < lines && (line = out.readLine()) != null) {
        if (line.startsWith(prefix + "-")) {
          printed.add(line);
        }
      }
    } finally {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(printed).as("commits before the kill (see %s.err)", prefix).hasSize(lines);
    return printed;
  }
}
