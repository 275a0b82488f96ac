package dev.cicd.benchmarks.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The result of one configuration in one repetition: highest rate, half-rate latency, server CPU per
 * delivery, and the row check: rows must be at least the acknowledged deliveries and at most those plus
 * the refused or failed ones (a delivery answered 503 after its deadline may still be stored; GitHub's
 * redelivery is then a duplicate). {@code walBytes}: PostgreSQL WAL written per delivery at the highest rate
 * (NaN on H2), which sets how often PostgreSQL's commits meet a slow WAL flush.
 */
record Measurement(String label, LoadResult max, LoadResult half, Cpu cpu, double walBytes, long acknowledged,
    long refused, long rows, Merge merge) {

  /**
   * The webhook inbox's merge (NaN without an inbox): deliveries merged per second while the load generator ran
   * at the highest rate, and the seconds the backlog took to merge after the half-rate run.
   */
  record Merge(double rate, double drainSeconds) {}

  /**
   * CPU ms per delivery at the highest rate: the server process, the PostgreSQL server's processes (NaN on H2,
   * which runs in the server), and the load generator.
   */
  record Cpu(double server, double database, double load) {
    /** What the machine spends per delivery; the database counts 0 when it runs in the server. */
    double machine() {
      return server + (Double.isNaN(database) ? 0 : database) + load;
    }
  }

  boolean consistent() {
    return rows >= acknowledged && rows <= acknowledged + refused;
  }


  static String row(String label, List<Measurement> runs) {
    List<Double> rates = runs.stream().map(m -> m.max().rate()).toList();
    List<Double> p50 = runs.stream().map(m -> m.half().p50Micros() / 1e3).toList();
    List<Double> p99 = runs.stream().map(m -> m.half().p99Micros() / 1e3).toList();
    List<Double> cpu = runs.stream().map(m -> m.cpu().server()).toList();
    List<Double> database = runs.stream().map(m -> m.cpu().database()).toList();
    List<Double> load = runs.stream().map(m -> m.cpu().load()).toList();
    List<Double> wal = runs.stream().map(Measurement::walBytes).toList();
    long equal = runs.stream().filter(m -> m.rows() == m.acknowledged()).count();
    long consistent = runs.stream().filter(Measurement::consistent).count();
    return String.format(Locale.ROOT, "| %s | %.0f (%.0f–%.0f) | %.1f / %.1f (%.1f–%.1f) | %.2f (%.2f–%.2f) "
        + "| %s | %.2f | %s | equal in %d, consistent in %d of %d runs |", label, median(rates),
        Collections.min(rates), Collections.max(rates), median(p50), median(p99), Collections.min(p99),
        Collections.max(p99), median(cpu), Collections.min(cpu), Collections.max(cpu), orDash(median(database), 2),
        median(load), orDash(median(wal), 0), equal, consistent, runs.size());
  }

  private static String orDash(double value, int decimals) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
