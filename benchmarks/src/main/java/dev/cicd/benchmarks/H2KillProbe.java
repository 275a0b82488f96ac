package dev.cicd.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does H2 keep every commit across {@code kill -9}? Plain JDBC, no store code: child JVMs run 16 threads that
 * each update one of 50 hot rows (as builds are updated while they run, which frees pages and makes H2 reuse
 * file space) and insert one new row, each in its own autocommit transaction, printing every acknowledged
 * insert; the parent kills each child after a few seconds, and finally counts the acknowledged ids missing.
 *
 * <pre>java -cp "$CP" dev.cicd.benchmarks.H2KillProbe DIR ROUNDS [URL-SUFFIX]</pre>
 * URL-SUFFIX is appended to {@code jdbc:h2:file:DIR/probe;WRITE_DELAY=0}, e.g. {@code ;REUSE_SPACE=FALSE}.
 */
public final class H2KillProbe {
  private H2KillProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("--child")) {
      child(args[1]);
      return;
    }
    Path dir = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("probe") + ";WRITE_DELAY=0"
        + (args.length > 2 ? args[2] : "");
    Set<String> acknowledged = new HashSet<>();
    for (int round = 1; round <= rounds; round++) {
      Path out = dir.resolve("acks-" + round + ".txt");
      Files.createDirectories(dir);
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), H2KillProbe.class.getName(), "--child", url)
          .redirectOutput(out.toFile()).redirectErrorStream(true).start();
      Thread.sleep(3_000 + 1_000L * (round % 4));
      child.destroyForcibly().waitFor();
      for (String line : Files.readAllLines(out)) {
        if (line.startsWith("ACK ")) {
          acknowledged.add(line.substring(4));
        }
      }
    }
    Set<String> stored = ids(url);
    long missing = acknowledged.stream().filter(id -> !stored.contains(id)).count();
    System.out.printf("%s: %d kills, %d acknowledged, %d stored, %d acknowledged missing, file %d MB%n", url, rounds,
        acknowledged.size(), stored.size(), missing, Files.size(dir.resolve("probe.mv.db")) >> 20);
  }

  private static Set<String> ids(String url) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        ResultSet rs = c.createStatement().executeQuery("SELECT id FROM probe")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private static void child(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      c.createStatement().execute("CREATE TABLE IF NOT EXISTS probe (id VARCHAR(100) PRIMARY KEY, pad VARCHAR(400))");
      c.createStatement().execute("CREATE TABLE IF NOT EXISTS hot (id INT PRIMARY KEY, n BIGINT)");
    }
    String prefix = Long.toString(System.nanoTime(), 36);
    AtomicLong next = new AtomicLong();
    for (int i = 0; i < 16; i++) {
      new Thread(() -> insertForever(url, prefix, next), "probe-" + i).start();
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void insertForever(String url, String prefix, AtomicLong next) {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        PreparedStatement insert = c.prepareStatement("INSERT INTO probe VALUES (?, ?)");
        PreparedStatement touch = c.prepareStatement("MERGE INTO hot KEY (id) VALUES (?, ?)")) {
      String pad = "x".repeat(300);
      while (true) {
        long n = next.getAndIncrement();
        String id = prefix + "-" + n;
        touch.setInt(1, (int) (n % 50));
        touch.setLong(2, n);
        touch.executeUpdate();
        insert.setString(1, id);
        insert.setString(2, pad);
        insert.executeUpdate();
        System.out.println("ACK " + id);
      }
    } catch (SQLException e) {
      System.out.println("ERROR " + e);
    }
  }
}
