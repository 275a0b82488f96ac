package dev.cicd.benchmarks.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * CPU time used so far by the other parties of an ingest run on this machine: the PostgreSQL server's
 * processes (all of them, read from {@code /proc}, so Linux only) and this JVM, the load generator. With the
 * server's own CPU time ({@link ServerProcess#cpuTime()}) a run's CPU splits into server, database and load:
 * on a 2-core machine the three share the cores, so what the database spends per delivery limits the
 * server's rate as much as the server's own work does.
 */
final class CpuTimes {
  /** Linux reports process times in clock ticks of 1/100 s ({@code USER_HZ}) on every common platform. */
  private static final long NANOS_PER_TICK = 10_000_000L;
  private static final Path PROC = Path.of("/proc");

  private CpuTimes() {}

  /**
   * User and system CPU time of every process named {@code postgres}, with that of the ended processes they
   * reaped (the postmaster collects its ended backends' times, so a closed connection's work still counts);
   * null where {@code /proc} is missing.
   */
  static @Nullable Duration postgres() {
    if (!Files.isDirectory(PROC.resolve("self"))) {
      return null;
    }
    long ticks = 0;
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, p -> p.getFileName().toString()
        .chars().allMatch(Character::isDigit))) {
      for (Path process : processes) {
        ticks += postgresTicks(process);
      }
    } catch (IOException e) {
      return null;
    }
    return Duration.ofNanos(ticks * NANOS_PER_TICK);
  }

  /**
   * The process's utime + stime + cutime + cstime when its command name is {@code postgres}, else 0 (also when
   * it has ended).
   */
  private static long postgresTicks(Path process) {
    String stat;
    try {
      stat = Files.readString(process.resolve("stat"));
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open || !stat.substring(open + 1, close).equals("postgres")) {
      return 0;
    }
    // After the command name: state (field 3) ... utime, stime, cutime, cstime (fields 14 to 17).
    String[] fields = stat.substring(close + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
        + Long.parseLong(fields[14]);
  }

  /** CPU time of this JVM (all threads). */
  static Duration thisProcess() {
    return Duration.ofNanos(((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime());
  }
}
