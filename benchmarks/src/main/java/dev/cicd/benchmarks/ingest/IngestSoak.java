package dev.cicd.benchmarks.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Soak of the real stack (RELIABILITY §6.11 L1): measures the highest rate for 20 s, then posts at half
 * of it (or {@code --rate}) for {@code --minutes} (default 5), reading the server's heap right after a
 * full GC ({@code jcmd GC.run}, then {@code GC.heap_info}) after a 30 s settling period and after every
 * minute. Reports the final heap against the settled one, and stored rows against acknowledged deliveries.
 *
 * <p>Arguments (all optional): {@code --store h2|pg --minutes 5 --rate N --connections 16}.
 */
public final class IngestSoak {
  private IngestSoak() {}

  public static void main(String[] args) throws Exception {
    String store = option(args, "store", "h2");
    int minutes = Integer.parseInt(option(args, "minutes", "5"));
    int connections = Integer.parseInt(option(args, "connections", "16"));
    Path work = Files.createTempDirectory("ingest-soak");
    Database db = store.equals("pg") ? Database.newPostgresSchema("soak_") : Database.h2(work.resolve("h2"));
    System.out.printf(Locale.ROOT, "# soak %s: store %s, %d minutes, %d connections, %d cores%n", Instant.now(), store,
        minutes, connections, Runtime.getRuntime().availableProcessors());
    long acknowledged = 0;
    try {
      ServerProcess server = ServerProcess.start(IngestServer.Mode.REAL, db, 0, work.resolve("server.log"),
          "-Xmx1g", "-Xms1g");
      try {
        LoadGenerator load = new LoadGenerator(server.uri(IngestServer.WEBHOOK_PATH), connections, "soak", 1, 4,
            false);
        LoadResult max = load.closedLoop(Duration.ofSeconds(20));
        acknowledged += max.stored();
        double rate = Double.parseDouble(option(args, "rate", Double.toString(Math.max(1, max.rate() / 2))));
        System.out.printf(Locale.ROOT, "max: %s%nsoak rate: %.0f/s%n", max, rate);
        LoadResult settle = load.openLoop(rate, Duration.ofSeconds(30));
        acknowledged += settle.stored();
        long start = server.heapAfterGc();
        System.out.printf(Locale.ROOT, "minute 0: heap after GC %.1f MiB (settle: %s)%n", start / 1048576.0, settle);
        long heap = start;
        for (int minute = 1; minute <= minutes; minute++) {
          LoadResult slice = load.openLoop(rate, Duration.ofMinutes(1));
          acknowledged += slice.stored();
          heap = server.heapAfterGc();
          System.out.printf(Locale.ROOT, "minute %d: heap after GC %.1f MiB; %s%n", minute, heap / 1048576.0, slice);
        }
        System.out.printf(Locale.ROOT, "heap after GC: start %.1f MiB, end %.1f MiB, change %+.1f %%%n",
            start / 1048576.0, heap / 1048576.0, 100.0 * (heap - start) / start);
      } finally {
        server.stop(Duration.ofSeconds(60));
      }
      long rows = db.count("cicd_delivery");
      System.out.printf(Locale.ROOT, "stored delivery rows %d, acknowledged %d: %s%n", rows, acknowledged,
          rows == acknowledged ? "equal" : "DIFFERENT");
    } finally {
      db.drop();
    }
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--" + name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
