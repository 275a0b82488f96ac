package dev.cicd.benchmarks.ingest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The soak of the real stack (RELIABILITY §6.11 L1), shared by {@link IngestSoak} and the fault suite:
 * measures the highest rate for 20 s, then posts at half of it (or a given rate) for some minutes, reading
 * the server's heap right after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}) after a 30 s
 * settling period and after every minute.
 */
public final class Soak {
  /**
   * @param startHeap heap after GC once settled; {@code endHeap} after the last minute
   * @param acknowledged deliveries answered "stored"; {@code unanswered} those answered otherwise or not at all
   * @param rows delivery-log rows in the database after the server stopped
   */
  public record Result(double maxRate, double rate, long startHeap, long endHeap, long acknowledged, long unanswered,
      long rows) {
    /** Heap growth over the soak, as a fraction of the settled heap. */
    public double heapGrowth() {
      return (double) (endHeap - startHeap) / startHeap;
    }
  }

  private Soak() {}

  private static long notAcknowledged(LoadResult r) {
    return r.unavailable() + r.otherStatus() + r.errors();
  }

  /** Soaks a new server on {@code db} (its log in {@code work}) and prints progress to {@code out}. */
  public static Result run(Database db, Path work, int minutes, int connections, @Nullable Double rate,
      PrintStream out) throws Exception {
    ServerProcess server = ServerProcess.start(IngestServer.Mode.REAL, db, 0, work.resolve("server.log"), "-Xmx1g",
        "-Xms1g");
    long acknowledged = 0;
    long unanswered = 0;
    double soakRate;
    double maxRate;
    long start;
    long heap;
    try (LoadGenerator load = new LoadGenerator(server.uri(IngestServer.WEBHOOK_PATH), connections, "soak", 1, 4,
        false)) {
      LoadResult max = load.closedLoop(Duration.ofSeconds(20));
      acknowledged += max.stored();
      unanswered += notAcknowledged(max);
      maxRate = max.rate();
      soakRate = rate != null ? rate : Math.max(1, maxRate / 2);
      out.printf(Locale.ROOT, "max: %s%nsoak rate: %.0f/s%n", max, soakRate);
      LoadResult settle = load.openLoop(soakRate, Duration.ofSeconds(30));
      acknowledged += settle.stored();
      unanswered += notAcknowledged(settle);
      start = server.heapAfterGc();
      out.printf(Locale.ROOT, "minute 0: heap after GC %.1f MiB (settle: %s)%n", start / 1048576.0, settle);
      heap = start;
      for (int minute = 1; minute <= minutes; minute++) {
        LoadResult slice = load.openLoop(soakRate, Duration.ofMinutes(1));
        acknowledged += slice.stored();
        unanswered += notAcknowledged(slice);
        heap = server.heapAfterGc();
        out.printf(Locale.ROOT, "minute %d: heap after GC %.1f MiB; %s%n", minute, heap / 1048576.0, slice);
      }
    } finally {
      server.stop(Duration.ofSeconds(60));
    }
    Result result = new Result(maxRate, soakRate, start, heap, acknowledged, unanswered, db.count("cicd_delivery"));
    out.printf(Locale.ROOT, "heap after GC: start %.1f MiB, end %.1f MiB, change %+.1f %%%n", start / 1048576.0,
        heap / 1048576.0, 100 * result.heapGrowth());
    out.printf(Locale.ROOT, "stored delivery rows %d, acknowledged %d, not acknowledged %d%n", result.rows(),
        acknowledged, unanswered);
    return result;
  }
}
