package dev.cicd.benchmarks.ingest;

import dev.cicd.benchmarks.ingest.IngestServer.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One measurement of one configuration on a fresh server process and database. */
final class IngestRun {
  /**
   * System property: more JVM options for each server process, separated by spaces (a profiler, say:
   * {@code -XX:StartFlightRecording=filename=/tmp/server.jfr}).
   */
  static final String SERVER_JVM_OPTIONS = "cicd.bench.serverJvmOptions";

  private IngestRun() {}

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static double perDelivery(Duration cpu, LoadResult result) {
    return cpu.toNanos() / 1e6 / Math.max(1, result.answered());
  }

  static Measurement measure(Mode mode, String store, Path work, int rep, int connections, int perBuild,
      Duration warmup,
      Duration measure) throws Exception {
    String name = mode.name().toLowerCase(Locale.ROOT);
    Database db = store.equals("pg") ? Database.newPostgresSchema("bench_")
        : Database.h2(Files.createDirectories(work.resolve(name + "-" + rep)));
    Path log = work.resolve(name + "-" + store + "-" + rep + ".log");
    try {
      List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
      String extra = System.getProperty(SERVER_JVM_OPTIONS, "").strip();
      if (!extra.isEmpty()) {
        jvm.addAll(List.of(extra.split("\\s+")));
      }
      ServerProcess server = ServerProcess.start(mode, db, 0, log, jvm.toArray(String[]::new));
      LoadResult warm;
      LoadResult max;
      LoadResult half;
      double cpuPerDelivery;
      double dbCpuPerDelivery = Double.NaN;
      double loadCpuPerDelivery;
      double walPerDelivery;
      double mergeRate = Double.NaN;
      double drainSeconds = Double.NaN;
      InboxProgress inbox = mode == Mode.INBOX ? new InboxProgress(server.uri("/cicd/health")) : null;
      try (LoadGenerator load = new LoadGenerator(server.uri(IngestServer.WEBHOOK_PATH), connections,
          name + "-" + store + "-" + rep, 1_000_000L * rep, perBuild, false)) {
        warm = load.closedLoop(warmup);
        Duration cpuBefore = server.cpuTime();
        Duration dbBefore = CpuTimes.postgres();
        long walBefore = db.isPostgres() ? Database.walPosition() : 0;
        Duration loadBefore = CpuTimes.thisProcess();
        InboxProgress.Reading mergedBefore = inbox == null ? null : inbox.read();
        max = load.closedLoop(measure);
        if (inbox != null) {
          mergeRate = (inbox.read().merged() - mergedBefore.merged()) / max.seconds();
        }
        cpuPerDelivery = perDelivery(server.cpuTime().minus(cpuBefore), max);
        loadCpuPerDelivery = perDelivery(CpuTimes.thisProcess().minus(loadBefore), max);
        Duration dbAfter = CpuTimes.postgres();
        walPerDelivery = db.isPostgres() ? (Database.walPosition() - walBefore) / (double) Math.max(1, max.answered())
            : Double.NaN;
        if (db.isPostgres() && dbBefore != null && dbAfter != null) {
          dbCpuPerDelivery = perDelivery(dbAfter.minus(dbBefore), max);
        }
        half = load.openLoop(Math.max(1, max.rate() / 2), measure);
        if (inbox != null) {
          Duration drained = inbox.awaitDrained(Duration.ofMinutes(5));
          drainSeconds = drained == null ? Double.POSITIVE_INFINITY : drained.toMillis() / 1e3;
        }
      } finally {
        server.stop(Duration.ofSeconds(60));
      }
      long acknowledged = warm.stored() + max.stored() + half.stored();
      long refused = warm.unavailable() + warm.errors() + max.unavailable() + max.errors() + half.unavailable()
          + half.errors();
      // With the inbox, an acknowledged delivery is stored raw or merged (in the delivery log) — never both at rest.
      long rows = mode == Mode.HMAC ? acknowledged : mode == Mode.FLOOR ? db.count(FloorServlet.TABLE)
          : db.count("cicd_delivery") + (mode == Mode.INBOX ? db.count("cicd_inbox") : 0);
      Measurement m = new Measurement(mode == Mode.HMAC ? "http+hmac" : name + " " + store, max, half,
          new Measurement.Cpu(cpuPerDelivery, dbCpuPerDelivery, loadCpuPerDelivery), walPerDelivery, acknowledged,
          refused, rows, new Measurement.Merge(mergeRate, drainSeconds));
      System.out.printf(Locale.ROOT, "rep %d %-10s warm-up: %s%n                max: %s%n                half: %s%n"
          + "                CPU ms per delivery at max: server %.2f, PostgreSQL %.2f, load generator %.2f; PostgreSQL "
          + "WAL %.0f bytes per delivery; rows %d, acknowledged %d, refused or failed %d%s%n",
          rep, m.label(), warm, max, half, cpuPerDelivery, dbCpuPerDelivery, loadCpuPerDelivery, walPerDelivery, rows,
          acknowledged, refused, inbox == null ? "" : String.format(Locale.ROOT, "; merged %.0f/s while "
              + "acknowledging at max, backlog merged %.1f s after the half-rate run", mergeRate, drainSeconds));
      return m;
    } finally {
      db.drop();
      if (!db.isPostgres()) {
        deleteTree(Path.of(db.location()));
      }
    }
  }
}
