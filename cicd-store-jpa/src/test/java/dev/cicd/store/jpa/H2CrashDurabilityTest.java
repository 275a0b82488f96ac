package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.ingest.DeliveryKey;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** D7: an H2 store killed with SIGKILL mid-write reopens, and every committed delivery is there. */
class H2CrashDurabilityTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("every delivery whose commit returned survives kill -9 of the process, three times over")
  void committedDeliveriesSurviveKill() throws Exception {
    Random random = new Random(11);
    List<String> committed = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      committed.addAll(writeUntilKilled("round" + round, 200 + random.nextInt(400)));
      try (JpaBuildStore store = JpaBuildStore.h2(dir)) {
        for (String id : committed) {
          assertThat(store.hasDelivery(DeliveryKey.of(id))).as("delivery %s after kill %d", id, round).isTrue();
        }
      }
    }
    assertThat(committed).hasSizeGreaterThan(600);
  }

  /** Starts a writer process, kills it with SIGKILL after {@code lines} commits, returns what it printed. */
  private List<String> writeUntilKilled(String prefix, int lines) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", DeliveryWriterProcess.class.getName(), dir.toString(),
        prefix)
        .redirectError(new File(dir.toFile(), prefix + ".err"))
        .start();
    List<String> printed = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(prefix)) {
          printed.add(line);
        }
        if (printed.size() >= lines) {
          process.destroyForcibly();
          break;
        }
      }
    } finally {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(printed).as("commits before the kill").hasSizeGreaterThanOrEqualTo(lines);
    return printed;
  }
}
