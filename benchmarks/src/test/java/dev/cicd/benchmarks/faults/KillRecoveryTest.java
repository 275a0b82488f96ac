package dev.cicd.benchmarks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.benchmarks.ingest.Database;
import dev.cicd.benchmarks.ingest.InboxProgress;
import dev.cicd.benchmarks.ingest.IngestServer;
import dev.cicd.benchmarks.ingest.LoadGenerator;
import dev.cicd.benchmarks.ingest.LoadResult;
import dev.cicd.benchmarks.ingest.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RELIABILITY §6.10 D5/D7: the real stack ({@link IngestServer} in a child JVM: Jetty 12 + servlet + Cicd
 * + JpaBuildStore) is killed with SIGKILL during a burst of webhook posts over 16 connections, then
 * restarted on the same database, {@code -Dcicd.faults.killRounds} times (default 10). After every
 * restart the builds listed through {@code GET api/builds} must include every acknowledged delivery
 * (each delivery is its own build) and list no build twice. With the webhook inbox ({@code inbox} mode) the
 * acknowledgement comes before the merge, so after each restart the test first waits until the restarted server
 * has merged what the killed one acknowledged. Slow: runs in the {@code faults} profile.
 */
@Tag("faults-slow")
class KillRecoveryTest {
  private static final Logger LOG = LoggerFactory.getLogger(KillRecoveryTest.class);
  private static final int ROUNDS = Integer.getInteger("cicd.faults.killRounds", 10);

  /** Kept when a test fails: the server's log (every start of the ten rounds) and the H2 files tell why. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path temp;

  @Test
  @DisplayName("D5/D7 on H2: SIGKILL during a webhook burst, restart: no acknowledged delivery missing, no duplicate")
  void h2() throws Exception {
    rounds(Database.h2(temp.resolve("h2")), IngestServer.Mode.REAL);
  }

  @Test
  @DisplayName("D5/D7 on H2 with the webhook inbox: every delivery acknowledged before a SIGKILL is merged after the "
      + "restart, none twice")
  void h2Inbox() throws Exception {
    rounds(Database.h2(temp.resolve("h2-inbox")), IngestServer.Mode.INBOX);
  }

  @Test
  @ExtendWith(RequiresPostgres.class)
  @DisplayName("D5 on PostgreSQL with the webhook inbox: every delivery acknowledged before a SIGKILL is merged "
      + "after the restart, none twice")
  void postgresInbox() throws Exception {
    Database db = Database.newPostgresSchema("faults_kill_inbox_");
    try {
      rounds(db, IngestServer.Mode.INBOX);
    } finally {
      db.drop();
    }
  }

  @Test
  @ExtendWith(RequiresPostgres.class)
  @DisplayName("D5 on PostgreSQL: SIGKILL during a webhook burst, restart: no acknowledged delivery missing, no duplicate")
  void postgres() throws Exception {
    Database db = Database.newPostgresSchema("faults_kill_");
    try {
      rounds(db, IngestServer.Mode.REAL);
    } finally {
      db.drop();
    }
  }

  private void rounds(Database db, IngestServer.Mode mode) throws Exception {
    Random random = new Random(20_261_127L);
    Set<Long> acknowledged = new HashSet<>();
    Set<Long> sent = new HashSet<>();
    Set<String> acknowledgedDeliveries = new HashSet<>();
    Path log = temp.resolve("server-" + db.kind() + "-" + mode + ".log");
    ServerProcess server = ServerProcess.start(mode, db, 0, log, "-Xmx512m");
    long listed = 0;
    try {
      for (int round = 1; round <= ROUNDS; round++) {
        LoadGenerator load = new LoadGenerator(server.uri(IngestServer.WEBHOOK_PATH), 16, "kill-" + round,
            round * 1_000_000L, 1, true);
        CompletableFuture<LoadResult> burst = CompletableFuture.supplyAsync(() -> burst(load));
        // A freshly started JVM answers its first deliveries slowly: kill only once the burst is being stored,
        // at a random point of it, so that every round kills in the middle of acknowledged traffic.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (load.acknowledged().isEmpty() && !burst.isDone() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        Thread.sleep(300 + random.nextInt(1_200));
        server.kill();
        Thread.sleep(200);
        load.stop();
        LoadResult result = burst.join();
        load.acknowledged().forEach(n -> acknowledged.add(load.runId(n)));
        String prefix = "kill-" + round + "-";
        load.acknowledged().forEach(n -> acknowledgedDeliveries.add(prefix + n));
        for (long n = 0; n < load.issued(); n++) {
          sent.add(load.runId(n));
        }
        load.close();
        server = ServerProcess.start(mode, db, 0, log, "-Xmx512m");
        Webhooks.RunIds builds;
        try {
          if (mode == IngestServer.Mode.INBOX) {
            // Acknowledged before the kill and not merged: the restart merges them first.
            InboxProgress inbox = new InboxProgress(server.uri("/cicd/health"));
            if (inbox.awaitDrained(Duration.ofMinutes(2)) == null) {
              throw new AssertionError("the inbox did not merge within 2 minutes after restart " + round + " ("
                  + inbox.read() + "); the server's log ends with:\n" + tail(log, 120));
            }
          }
          builds = new Webhooks(server.port()).listBuilds();
        } catch (java.io.IOException e) {
          throw new AssertionError("listing after kill round " + round + " failed; the server's log ends with:\n"
              + tail(log, 80), e);
        }
        listed = builds.ids().size();
        Set<Long> missing = new HashSet<>(acknowledged);
        missing.removeAll(builds.ids());
        LOG.info("{} {} round {}: {}; builds listed {} (distinct {}), acknowledged so far {}, missing {}", db.kind(),
            mode, round, result, builds.listed(), builds.ids().size(), acknowledged.size(), missing.size());
        assertThat(result.stored()).as("round %d stored some deliveries before the kill: %s", round, result)
            .isPositive();
        assertThat(missing).as("acknowledged deliveries missing after kill round %d", round).isEmpty();
        assertThat(builds.listed()).as("builds listed twice after round %d", round).isEqualTo(builds.ids().size());
        assertThat(sent).as("only sent deliveries are stored").containsAll(builds.ids());
      }
    } finally {
      server.stop(Duration.ofSeconds(60));
    }
    long rows = db.count("cicd_delivery");
    if (mode == IngestServer.Mode.INBOX) {
      assertThat(db.count("cicd_inbox")).as("inbox rows left once everything is merged (server log %s; its warnings:"
          + "%n%s)", log, warnings(log)).isZero();
    }
    Set<String> lostDeliveries = new HashSet<>(acknowledgedDeliveries);
    lostDeliveries.removeAll(db.strings("SELECT delivery_id FROM cicd_delivery"));
    assertThat(lostDeliveries).as("acknowledged deliveries without their delivery-log row").isEmpty();
    List<String> lines = java.nio.file.Files.readAllLines(log);
    long halfApplied = lines.stream().filter(line -> line.contains("left half-applied")).count();
    long compacted = lines.stream().filter(line -> line.contains("Compacted the H2 database file")).count();
    LOG.info("{} {}: {} rounds, {} acknowledged, {} builds, {} delivery rows, {} restarts finished H2 commits left"
        + " half-applied, {} compacted the H2 file", db.kind(), mode, ROUNDS, acknowledged.size(), listed, rows,
        halfApplied, compacted);
    assertThat(rows).as("delivery rows: at least the acknowledged ones, at most one per stored build")
        .isBetween((long) acknowledged.size(), listed);
  }

  private static LoadResult burst(LoadGenerator load) {
    try {
      return load.closedLoop(Duration.ofSeconds(25));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String warnings(Path log) throws java.io.IOException {
    return String.join("\n", java.nio.file.Files.readAllLines(log).stream()
        .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).limit(40).toList());
  }

  private static String tail(Path log, int lines) throws java.io.IOException {
    List<String> all = java.nio.file.Files.readAllLines(log);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
