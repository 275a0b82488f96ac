package dev.cicd.examples.standalone;

import dev.cicd.store.jpa.JpaBuildStore;
import java.nio.file.Path;

/** The app's own H2 store, for tests in other packages. */
public final class TestStores {
  private TestStores() {}

  public static JpaBuildStore h2(Path directory) {
    return Stores.h2(directory);
  }
}
