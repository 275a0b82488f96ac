package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.store.InboxEntry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The webhook inbox beyond the core contract, on PostgreSQL: appends larger than one lookup statement (64 keys),
 * whose duplicates sit in later statements, and the body column's lz4 compression (schema version 4).
 */
class InboxPostgresTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  private static InboxEntry entry(int i) {
    return new InboxEntry(0, "github", new DeliveryKey("hook", "d-" + i), T.plusSeconds(i), "x-n: " + i + "\n",
        ("{\"n\":" + i + "}").getBytes());
  }

  @Test
  @DisplayName("an append of 150 entries skips exactly the keys logged or in the inbox, whichever statement reads them")
  void largeAppend() {
    JpaBuildStore store = PG.newStore();
    IntStream.range(70, 75).forEach(i -> store.recordDelivery(entry(i).key(), T));
    store.appendInbox(IntStream.range(130, 140).mapToObj(InboxPostgresTest::entry).toList());
    List<InboxEntry> entries = IntStream.range(0, 150).mapToObj(InboxPostgresTest::entry).toList();
    Set<DeliveryKey> appended = store.appendInbox(entries);
    List<DeliveryKey> expected = new ArrayList<>();
    IntStream.range(0, 150).filter(i -> (i < 70 || i >= 75) && (i < 130 || i >= 140))
        .forEach(i -> expected.add(entry(i).key()));
    assertThat(appended).containsExactlyElementsOf(expected);
    assertThat(store.inboxSize()).isEqualTo(150 - 5);
    List<InboxEntry> read = store.readInbox(0, 200);
    assertThat(read.subList(10, read.size())).extracting(InboxEntry::key).containsExactlyElementsOf(expected);
    assertThat(read.get(20).receivedAt()).isEqualTo(entries.get(10).receivedAt());
    store.removeFromInbox(expected);
    assertThat(store.inboxSize()).isEqualTo(10);
  }

  @Test
  @DisplayName("the body column is lz4-compressed when the server was built with lz4")
  void bodyUsesLz4() throws Exception {
    JpaBuildStore store = PG.newStore();
    try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
      boolean lz4;
      try (ResultSet rs = s.executeQuery("SELECT 'lz4' = ANY (enumvals) FROM pg_settings"
          + " WHERE name = 'default_toast_compression'")) {
        lz4 = rs.next() && rs.getBoolean(1);
      }
      try (ResultSet rs = s.executeQuery("SELECT attcompression FROM pg_attribute"
          + " WHERE attrelid = 'cicd_inbox'::regclass AND attname = 'body'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(lz4 ? "l" : "");
      }
    }
  }
}
