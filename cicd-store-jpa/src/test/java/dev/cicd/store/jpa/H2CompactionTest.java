package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.store.jpa.internal.H2Compaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2, as the store runs it ({@code REUSE_SPACE=FALSE}), appends every commit's pages to its file and gives no space
 * back, not even at close; the store compacts the file when it opens it.
 */
class H2CompactionTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("a file of mostly dead space is compacted when the store opens, with every row kept")
  void sparseFileIsCompactedAtOpen() throws Exception {
    Path file = JpaStoreConfig.h2File(dir);
    int deliveries = 0;
    try (JpaBuildStore store = JpaBuildStore.h2(dir)) {
      while (Files.size(file) < 3 * H2Compaction.MIN_FILE_BYTES && deliveries < 50_000) {
        assertThat(store.recordDelivery(DeliveryKey.of("d-" + deliveries++), Instant.now())).isTrue();
      }
      Map<String, Object> health = store.healthDetails();
      assertThat((Long) health.get("h2FileBytes")).as("health %s", health)
          .isGreaterThanOrEqualTo(3 * H2Compaction.MIN_FILE_BYTES);
      assertThat((Long) health.get("h2LivePercent")).as("health %s", health).isLessThan(H2Compaction.MAX_FILL_PERCENT);
    }
    long grown = Files.size(file);
    assertThat(grown).as("after %d one-row commits", deliveries).isGreaterThanOrEqualTo(3 * H2Compaction.MIN_FILE_BYTES);

    JpaStoreConfig asItIs = JpaStoreConfig.builder().h2(dir).compactH2OnOpen(false).build();
    assertThat(asItIs.toBuilder().build().compactH2OnOpen()).isFalse();
    assertThat(asItIs.toString()).contains("compactH2OnOpen=false");
    try (JpaBuildStore open = JpaBuildStore.create(asItIs); JpaBuildStore second = JpaBuildStore.h2(dir)) {
      assertThat(open.hasDelivery(DeliveryKey.of("d-0"))).isTrue();
      assertThat(open.recordDelivery(DeliveryKey.of("while-open"), Instant.now())).isTrue();
      assertThat(second.hasDelivery(DeliveryKey.of("while-open"))).as("the second store did not close the first's")
          .isTrue();
    }
    assertThat(Files.size(file)).as("closing gives no space back; nor does opening without compaction, or a store"
        + " opening a database already open in this process").isGreaterThanOrEqualTo(grown);

    try (JpaBuildStore store = JpaBuildStore.h2(dir)) {
      assertThat(Files.size(file)).as("compacted at open").isLessThan(grown / 4);
      assertThat((Long) store.healthDetails().get("h2FileBytes")).isLessThan(grown / 4);
      for (int i = 0; i < deliveries; i++) {
        assertThat(store.hasDelivery(DeliveryKey.of("d-" + i))).as("delivery %d kept", i).isTrue();
      }
      assertThat(store.hasDelivery(DeliveryKey.of("while-open"))).isTrue();
      assertThat(store.recordDelivery(DeliveryKey.of("d-0"), Instant.now())).isFalse();
      assertThat(store.recordDelivery(DeliveryKey.of("after"), Instant.now())).isTrue();
    }
  }

  @Test
  @DisplayName("an H2 file URL the store pools is compacted too, as the standalone app opens it")
  void sparseFileBehindAUrlIsCompactedAtOpen() throws Exception {
    Path file = JpaStoreConfig.h2File(dir);
    JpaStoreConfig byUrl = JpaStoreConfig.builder().jdbcUrl(JpaStoreConfig.h2Url(dir) + ";DB_CLOSE_ON_EXIT=FALSE")
        .username("sa").password("").build();
    int deliveries = 0;
    try (JpaBuildStore store = JpaBuildStore.create(byUrl.toBuilder().compactH2OnOpen(false).build())) {
      while (Files.size(file) < 2 * H2Compaction.MIN_FILE_BYTES) {
        assertThat(store.recordDelivery(DeliveryKey.of("d-" + deliveries++), Instant.now())).isTrue();
      }
    }
    long grown = Files.size(file);
    try (JpaBuildStore store = JpaBuildStore.create(byUrl)) {
      assertThat(Files.size(file)).isLessThan(grown / 4);
      assertThat(store.hasDelivery(DeliveryKey.of("d-" + (deliveries - 1)))).isTrue();
    }
  }

  @Test
  @DisplayName("only embedded H2 files are found behind a URL")
  void embeddedFiles() {
    String home = System.getProperty("user.home");
    assertThat(H2Compaction.embeddedFile("jdbc:h2:file:/data/cicd;WRITE_DELAY=0")).contains(Path.of("/data/cicd.mv.db"));
    assertThat(H2Compaction.embeddedFile("jdbc:h2:/data/cicd")).contains(Path.of("/data/cicd.mv.db"));
    assertThat(H2Compaction.embeddedFile("jdbc:h2:~/cicd;MODE=PostgreSQL")).contains(Path.of(home, "cicd.mv.db"));
    assertThat(H2Compaction.embeddedFile("jdbc:h2:./data/cicd"))
        .contains(Path.of("data/cicd.mv.db").toAbsolutePath());
    for (String other : new String[] {"jdbc:h2:mem:cicd", "jdbc:h2:tcp://db:9092/cicd", "jdbc:h2:ssl://db/cicd",
        "jdbc:h2:zip:/backup.zip!/cicd", "jdbc:h2:nioMapped:/data/cicd", "jdbc:h2:mem:", "jdbc:h2:",
        "jdbc:postgresql://127.0.0.1:5432/test"}) {
      assertThat(H2Compaction.embeddedFile(other)).as(other).isEmpty();
    }
  }

  @Test
  @DisplayName("a small file or no file at all is opened as it is")
  void smallOrMissingFileIsLeftAlone() throws Exception {
    Path file = JpaStoreConfig.h2File(dir);
    String url = JpaStoreConfig.h2Url(dir);
    assertThat(H2Compaction.compactIfSparse(url, file)).isFalse();
    assertThat(file).doesNotExist();
    JpaBuildStore.h2(dir).close();
    long size = Files.size(file);
    assertThat(H2Compaction.compactIfSparse(url, file)).isFalse();
    assertThat(Files.size(file)).isEqualTo(size);
  }
}
