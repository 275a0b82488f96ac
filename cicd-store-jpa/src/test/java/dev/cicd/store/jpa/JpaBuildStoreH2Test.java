package dev.cicd.store.jpa;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
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
}
