package dev.cicd.benchmarks.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link IngestServer} in a child JVM ({@code java -cp <this JVM's class path>}), so that it can be
 * killed with SIGKILL and its heap measured apart from the load generator's. Its output goes to a log file.
 */
public final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the server and waits (at most 90 s) until it listens; {@code port} 0 picks a free one. */
  public static ServerProcess start(IngestServer.Mode mode, Database db, int port, Path log, String... jvmOptions)
      throws IOException, InterruptedException, TimeoutException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), IngestServer.class.getName(),
        mode.name().toLowerCase(Locale.ROOT), db.toString(), Integer.toString(port)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(process, log, ready), "server-output");
    pump.setDaemon(true);
    pump.start();
    try {
      return new ServerProcess(process, ready.get(90, TimeUnit.SECONDS), log);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new TimeoutException("the server did not start; see " + log + " (" + e.getMessage() + ")");
    }
  }

  private static void pump(Process process, Path log, CompletableFuture<Integer> ready) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith(IngestServer.READY) && !ready.isDone()) {
          ready.complete(Integer.parseInt(line.substring(IngestServer.READY.length()).trim()));
        }
        out.println(line);
        out.flush();
      }
    } catch (IOException e) {
      ready.completeExceptionally(new UncheckedIOException(e));
    } finally {
      ready.completeExceptionally(new IOException("the server exited with " + exitCode(process)));
    }
  }

  private static String exitCode(Process process) {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "(still running)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** CPU time the server process has used so far (all its threads, user and system). */
  public Duration cpuTime() {
    return process.info().totalCpuDuration().orElseThrow(
        () -> new IllegalStateException("the CPU time of process " + pid() + " is not available"));
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** SIGKILL: no shutdown hook runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits for the clean shutdown (SIGKILL after {@code patience}). */
  public void stop(Duration patience) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
    }
  }

  /** Used heap in bytes right after a full GC of the server, read with {@code jcmd}. */
  public long heapAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
    if (!m.find()) {
      throw new IOException("unexpected GC.heap_info output: " + info);
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  private String jcmd(String what) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), what).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(30));
    }
  }
}
