package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpaBuildStoreH2Test extends StoreBehaviour {
  @TempDir
  Path dir;

  @Override
  protected JpaBuildStore newStore() {
    return JpaBuildStore.h2(dir);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  @DisplayName("ingestion writes one batch at a time on H2, which stores its commits one after the other")
  void oneBatchAtATime() {
    assertThat(store.concurrentBatches()).isEqualTo(1);
  }
}
