package dev.cicd.benchmarks.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Soak of the real stack by hand ({@link Soak}): reports the final heap after GC against the settled one,
 * and stored rows against acknowledged deliveries. The fault suite's {@code SoakTest} runs the same soak.
 *
 * <p>Arguments (all optional): {@code --store h2|pg --minutes 5 --rate N --connections 16}.
 */
public final class IngestSoak {
  private IngestSoak() {}

  public static void main(String[] args) throws Exception {
    String store = option(args, "store", "h2");
    int minutes = Integer.parseInt(option(args, "minutes", "5"));
    int connections = Integer.parseInt(option(args, "connections", "16"));
    String rate = option(args, "rate", "");
    Path work = Files.createTempDirectory("ingest-soak");
    Database db = store.equals("pg") ? Database.newPostgresSchema("soak_") : Database.h2(work.resolve("h2"));
    System.out.printf(Locale.ROOT, "# soak %s: store %s, %d minutes, %d connections, %d cores%n", Instant.now(), store,
        minutes, connections, Runtime.getRuntime().availableProcessors());
    try {
      Soak.run(db, work, minutes, connections, rate.isEmpty() ? null : Double.valueOf(rate), System.out);
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
