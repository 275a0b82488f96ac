package dev.cicd.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cicd.benchmarks.faults.RequiresPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CPU split of an ingest run: the database's and the load generator's CPU time are measured, not guessed. */
class CpuTimesTest {
  @Test
  @ExtendWith(RequiresPostgres.class)
  void postgresTimeGrowsByTheWorkOfAQuery() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "/proc is Linux only");
    Duration before = CpuTimes.postgres();
    long backend;
    try (Connection c = Database.adminConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        backend = rs.getLong(1);
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM generate_series(1, 4000000)")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(4_000_000L);
      }
    }
    // The ended backend's time moves to its parent's (the postmaster's) once the parent has reaped it; until its
    // /proc entry is gone a reading can miss it (read the parent first, the backend after it went).
    Path gone = Path.of("/proc", Long.toString(backend));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (Files.exists(gone) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(gone).as("backend %d reaped", backend).doesNotExist();
    Duration spent = CpuTimes.postgres().minus(before);
    // Counting 4 million rows takes PostgreSQL a few hundred ms of CPU; the clock ticks are 10 ms.
    assertThat(spent).isGreaterThanOrEqualTo(Duration.ofMillis(50)).isLessThan(Duration.ofSeconds(60));
  }

  @Test
  void thisProcessCountsItsOwnWork() {
    Duration before = CpuTimes.thisProcess();
    long end = System.nanoTime() + 300_000_000L;
    long spin = 0;
    while (System.nanoTime() < end) {
      spin++;
    }
    assertThat(spin).isPositive();
    assertThat(CpuTimes.thisProcess().minus(before)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }
}
