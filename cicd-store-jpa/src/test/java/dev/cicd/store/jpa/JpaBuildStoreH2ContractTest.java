package dev.cicd.store.jpa;

import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

class JpaBuildStoreH2ContractTest extends BuildStoreContract {
  private Path dir;

  @Override
  protected BuildStore newStore() {
    try {
      dir = Files.createTempDirectory("cicd-h2-contract");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return JpaBuildStore.h2(dir);
  }

  @Override
  protected void dispose(BuildStore store) throws IOException {
    ((JpaBuildStore) store).close();
    TestFiles.deleteRecursively(dir);
  }
}
