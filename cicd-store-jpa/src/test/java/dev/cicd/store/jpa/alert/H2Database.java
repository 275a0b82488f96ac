package dev.cicd.store.jpa.alert;

import dev.cicd.store.jpa.JpaBuildStore;
import dev.cicd.store.jpa.JpaStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An H2 file database in a temporary directory for one test: {@link #open()} opens the build store
 * (which migrates the schema, V2 included) and an alert store sharing its pool; {@link #reopen()}
 * closes both and opens them again on the same files; {@link #close()} also deletes the directory.
 */
final class H2Database implements AutoCloseable {
  private final Path directory;
  private final String prefix;
  private JpaBuildStore builds;
  private JpaAlertStore alerts;

  H2Database() {
    this(JpaAlertStore.DEFAULT_TABLE_PREFIX);
  }

  H2Database(String prefix) {
    this.prefix = prefix;
    try {
      directory = Files.createTempDirectory("cicd-alert-h2");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  H2Database open() {
    builds = JpaBuildStore.create(JpaStoreConfig.builder().h2(directory).tablePrefix(prefix).build());
    alerts = JpaAlertStore.sharing(builds, prefix);
    return this;
  }

  H2Database reopen() {
    builds.close();
    return open();
  }

  JpaBuildStore builds() {
    return builds;
  }

  JpaAlertStore alerts() {
    return alerts;
  }

  Path directory() {
    return directory;
  }

  @Override
  public void close() throws IOException {
    if (builds != null) {
      builds.close();
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(directory)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : paths) {
      Files.delete(p);
    }
  }
}
