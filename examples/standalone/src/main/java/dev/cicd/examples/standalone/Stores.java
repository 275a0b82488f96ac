package dev.cicd.examples.standalone;

import dev.cicd.core.store.BuildStoreException;
import dev.cicd.store.jpa.JpaBuildStore;
import dev.cicd.store.jpa.JpaStoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the build store the settings ask for: PostgreSQL at CICD_DB_URL, else H2 in CICD_DATA_DIR. */
final class Stores {
  private static final Logger LOG = LoggerFactory.getLogger(Stores.class);

  /**
   * An open store, what to call it in the log, and the throw-away directory of a demo (deleted on close).
   */
  record Opened(JpaBuildStore store, String description, Optional<Path> temporaryDirectory) implements AutoCloseable {
    @Override
    public void close() {
      store.close();
      temporaryDirectory.ifPresent(Stores::deleteTree);
    }
  }

  private Stores() {}

  static Opened open(Settings settings) {
    if (settings.database().isPresent()) {
      Settings.Database db = settings.database().get();
      String url = safeUrl(db.url());
      try {
        JpaBuildStore store = JpaBuildStore.postgres(db.url(), db.user().orElse(null), db.password().orElse(null));
        return new Opened(store, "PostgreSQL " + url + " (user " + db.user().orElse("-") + ")", Optional.empty());
      } catch (BuildStoreException e) {
        throw new StartupException("cannot open the database at CICD_DB_URL=" + url + " (check the URL, "
            + "CICD_DB_USER and CICD_DB_PASSWORD): " + rootMessage(e).replace(db.url(), url), e);
      }
    }
    Optional<Path> temporary = Optional.empty();
    Path directory = settings.dataDir().toAbsolutePath().normalize();
    if (settings.demo() && !settings.dataDirConfigured()) {
      temporary = Optional.of(createTemporaryDirectory());
      directory = temporary.get();
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new SettingsException("CICD_DATA_DIR names a directory that cannot be created: " + directory + " ("
          + e.getMessage() + ")");
    }
    try {
      JpaBuildStore store = h2(directory);
      String what = "H2 in " + directory + (temporary.isPresent() ? " (demo data, deleted at exit; set CICD_DATA_DIR"
          + " to keep it)" : "");
      return new Opened(store, what, temporary);
    } catch (BuildStoreException e) {
      temporary.ifPresent(Stores::deleteTree);
      throw new StartupException("cannot open the H2 database in CICD_DATA_DIR=" + directory
          + " (is another cicd-dashboard using it?): " + rootMessage(e), e);
    }
  }

  /**
   * The embedded H2 database in {@code directory}, as {@link JpaBuildStore#h2(Path)} opens it, except that
   * H2 does not close the database from its own JVM shutdown hook: the app's hook closes it after the web
   * server has finished the webhooks in flight, which H2's hook would otherwise fail.
   */
  static JpaBuildStore h2(Path directory) {
    return JpaBuildStore.create(JpaStoreConfig.builder()
        .jdbcUrl(JpaStoreConfig.h2Url(directory) + ";DB_CLOSE_ON_EXIT=FALSE")
        .username("sa")
        .password("")
        .build());
  }

  /** A JDBC URL without its query string, which may hold a password. */
  static String safeUrl(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private static Path createTemporaryDirectory() {
    try {
      return Files.createTempDirectory("cicd-demo-");
    } catch (IOException e) {
      throw new StartupException("cannot create a temporary directory for the demo data; set CICD_DATA_DIR", e);
    }
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete the demo data in {}", directory, e);
    }
  }
}
