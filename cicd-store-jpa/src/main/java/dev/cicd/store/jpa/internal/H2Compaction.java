package dev.cicd.store.jpa.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts the store's own embedded H2 file when it opens, if most of the file is dead space.
 *
 * <p>The store opens H2 with {@code REUSE_SPACE=FALSE} (see {@code JpaStoreConfig.h2Url}): H2 then writes every
 * commit's changed pages at the end of the file and never reuses the space they replace, nor does it compact the
 * file when it closes (its compaction only moves chunks into reused space). Measured with H2 2.5.252: 20,000
 * rows in 40,000 small commits made an 862 MB file holding 2 MB of data. Only H2's offline compaction
 * ({@code SHUTDOWN COMPACT}: every map copied into {@code <file>.tempFile}, which then atomically replaces the
 * file) gives the space back; a process killed during it leaves the old file intact (and H2 deletes the
 * temporary file when it next opens the database). So before the store's pool
 * opens the database, this opens it, finishes leftover commits ({@link H2Leftovers}), and runs
 * {@code SHUTDOWN COMPACT} when the file is at least {@link #MIN_FILE_BYTES} and less than
 * {@link #MAX_FILL_PERCENT} % of its chunk space holds live pages — unless the database is open in this process
 * already (another session than its own), which {@code SHUTDOWN} would close under its other users.
 */
public final class H2Compaction {
  /** Files smaller than this are left as they are. */
  public static final long MIN_FILE_BYTES = 16L << 20;
  /** Compacted when less than this share of the chunks' space holds live data. */
  public static final int MAX_FILL_PERCENT = 50;
  private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);

  private H2Compaction() {}

  /**
   * Compacts the embedded database at {@code url}, whose file is {@code file} ({@code <name>.mv.db}), when it is
   * mostly dead space; no database is opened when the file is missing or small. A failure is logged, never
   * thrown: the store then opens the file as it is (and reports why it cannot, if it cannot).
   *
   * @return whether the file was compacted
   */
  public static boolean compactIfSparse(String url, Path file) {
    return compactIfSparse(url, file, "sa", "");
  }

  /** Same, connecting as {@code user}. */
  public static boolean compactIfSparse(String url, Path file, @Nullable String user, @Nullable String password) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) < MIN_FILE_BYTES) {
        return false;
      }
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        if (sessions(c) > 1) {
          // Open in this process already (another store, or the application's own connections): SHUTDOWN would
          // close it under them.
          return false;
        }
        H2Leftovers.finishCommitted(c);
        long before = Files.size(file);
        int fill = chunksFillRate(c);
        if (fill >= MAX_FILL_PERCENT) {
          return false;
        }
        long start = System.nanoTime();
        try (Statement s = c.createStatement()) {
          // Exclusive mode refuses new connections from here on: nobody can join between the check and SHUTDOWN.
          s.execute("SET EXCLUSIVE 1");
          if (sessions(c) > 1) {
            s.execute("SET EXCLUSIVE 0");
            return false;
          }
          s.execute("SHUTDOWN COMPACT");
        }
        LOG.info("Compacted the H2 database file {}: {} MB to {} MB ({} % of it held live data) in {} ms", file,
            megabytes(before), megabytes(Files.size(file)), fill, (System.nanoTime() - start) / 1_000_000);
        return true;
      }
    } catch (SQLException | IOException | RuntimeException e) {
      LOG.warn("Could not compact the H2 database file {}; opening it as it is: {}", file, e.toString());
      return false;
    }
  }

  /**
   * The file of an embedded H2 database at {@code url} ({@code jdbc:h2:file:<path>} or {@code jdbc:h2:<path>},
   * {@code ~} for the home directory); empty for in-memory, remote and other H2 URLs, and for other databases.
   */
  public static Optional<Path> embeddedFile(String url) {
    if (!url.startsWith("jdbc:h2:")) {
      return Optional.empty();
    }
    String name = url.substring("jdbc:h2:".length());
    int settings = name.indexOf(';');
    name = settings < 0 ? name : name.substring(0, settings);
    name = name.startsWith("file:") ? name.substring("file:".length()) : name;
    if (name.isEmpty() || name.matches("^[a-zA-Z]{2,}:.*")) {
      return Optional.empty(); // mem:, tcp:, ssl:, zip:, nio...: (a one-letter prefix is a Windows drive)
    }
    if (name.startsWith("~")) {
      name = System.getProperty("user.home") + name.substring(1);
    }
    return Optional.of(Path.of(name + ".mv.db").toAbsolutePath().normalize());
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
  }

  private static long sessions(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** H2's share (%) of the chunks' space that holds live pages. */
  static int chunksFillRate(Connection c) throws SQLException {
    Long fill = setting(c, "info.CHUNKS_FILL_RATE");
    if (fill == null) {
      throw new SQLException("H2 reports no info.CHUNKS_FILL_RATE");
    }
    return fill.intValue();
  }

  /**
   * The database file's size ({@code h2FileBytes}) and its chunks' live share ({@code h2LivePercent}), as far as H2
   * reports them (an in-memory database has no file).
   */
  public static Map<String, Object> fileFigures(Connection c) throws SQLException {
    Map<String, Object> figures = new LinkedHashMap<>();
    Long size = setting(c, "info.FILE_SIZE");
    Long fill = setting(c, "info.CHUNKS_FILL_RATE");
    if (size != null) {
      figures.put("h2FileBytes", size);
    }
    if (fill != null) {
      figures.put("h2LivePercent", fill);
    }
    return figures;
  }

  private static @Nullable Long setting(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Long.valueOf(rs.getString(1).trim()) : null;
      }
    }
  }
}
