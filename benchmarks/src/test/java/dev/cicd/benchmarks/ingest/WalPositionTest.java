package dev.cicd.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.benchmarks.faults.RequiresPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The benchmark's WAL figure: PostgreSQL's WAL position moves by at least the data a transaction wrote. */
class WalPositionTest {
  @Test
  @ExtendWith(RequiresPostgres.class)
  void walPositionGrowsByTheRowsWritten() throws Exception {
    String schema = "bench_wal_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = Database.adminConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      try {
        s.execute("CREATE TABLE " + schema + ".t (id INT, payload TEXT)");
        long before = Database.walPosition();
        // 2,000 rows of 1,000 random-looking characters each (md5 text does not compress away)
        s.execute("INSERT INTO " + schema + ".t SELECT i, (SELECT string_agg(md5(i::text || j::text), '') "
            + "FROM generate_series(1, 31) j) FROM generate_series(1, 2000) i");
        long after = Database.walPosition();
        assertThat(after - before).as("WAL bytes for about 2 MB of rows").isBetween(2_000_000L, 20_000_000L);
      } finally {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
