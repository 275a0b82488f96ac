package dev.cicd.benchmarks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.benchmarks.ingest.Database;
import dev.cicd.benchmarks.ingest.Soak;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY §6.11 L1: the real stack on PostgreSQL in a child JVM, posted to at half its highest rate
 * for {@code -Dcicd.faults.soakMinutes} minutes (default 5): its heap right after a full GC must stay within
 * 10 % of the settled level, and every acknowledged delivery must be stored. Slow: runs in the {@code faults}
 * profile.
 */
@Tag("faults-slow")
class SoakTest {
  private static final int MINUTES = Integer.getInteger("cicd.faults.soakMinutes", 5);

  @TempDir
  Path temp;

  @Test
  @ExtendWith(RequiresPostgres.class)
  @DisplayName("L1 on PostgreSQL: a soak at half the highest rate keeps the heap after GC within 10 % of its start")
  void postgres() throws Exception {
    Database db = Database.newPostgresSchema("faults_soak_");
    try {
      Soak.Result result = Soak.run(db, temp, MINUTES, 16, null, System.out);
      assertThat(result.rate()).as("soak rate").isGreaterThan(10);
      assertThat(result.endHeap()).as("heap after GC at the end, against %d bytes at the start", result.startHeap())
          .isLessThanOrEqualTo((long) (result.startHeap() * 1.10));
      assertThat(result.rows()).as("delivery rows: every acknowledged one, at most the unacknowledged ones more")
          .isBetween(result.acknowledged(), result.acknowledged() + result.unanswered());
    } finally {
      db.drop();
    }
  }
}
