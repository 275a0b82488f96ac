package dev.cicd.store.jpa;

import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The contract again with a table prefix and without the summary cache (every summary reads the database). */
class JpaBuildStoreH2PrefixContractTest extends BuildStoreContract {
  private Path dir;

  @Override
  protected BuildStore newStore() {
    try {
      dir = Files.createTempDirectory("cicd-h2-prefix-contract");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return JpaBuildStore.create(JpaStoreConfig.builder().h2(dir).tablePrefix("dash_").summaryCacheRows(0).build());
  }

  @Override
  protected void dispose(BuildStore store) throws IOException {
    ((JpaBuildStore) store).close();
    TestFiles.deleteRecursively(dir);
  }
}
