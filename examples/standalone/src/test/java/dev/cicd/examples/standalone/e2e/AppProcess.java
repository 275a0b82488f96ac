package dev.cicd.examples.standalone.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar cicd-dashboard.jar} as a child process with its own environment (no inherited
 * {@code CICD_*} variables), output to a log file. {@link #start} waits for the start-up line and reads
 * the port the app bound ({@code CICD_PORT=0}).
 */
final class AppProcess implements AutoCloseable {
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Pattern READY = Pattern.compile("CI/CD dashboard ready at http://localhost:(\\d+)/ \\(started in (\\d+) ms\\)");

  final Process process;
  final Path log;
  final int port;
  /** The app's own measure: from its start to ready (after the JVM had started). */
  final long startMillis;
  /** From launching {@code java} to the ready line. */
  final long wallMillis;

  private AppProcess(Process process, Path log, int port, long startMillis, long wallMillis) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.startMillis = startMillis;
    this.wallMillis = wallMillis;
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("cicd.jar", "target/cicd-dashboard.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run `mvn package` (or verify) first");
    }
    return jar;
  }

  static ProcessBuilder command(Map<String, String> env, Path log, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("CICD_"));
    builder.environment().putAll(env);
    return builder;
  }

  static AppProcess start(Map<String, String> env, Path log) throws IOException, InterruptedException {
    long launched = System.nanoTime();
    Process process = command(env, log).start();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Optional<Matcher> ready = readyLine(log);
      if (ready.isPresent()) {
        return new AppProcess(process, log, Integer.parseInt(ready.get().group(1)), Long.parseLong(ready.get().group(2)),
            (System.nanoTime() - launched) / 1_000_000);
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the app exited with " + process.exitValue() + " before it was ready:\n"
            + Files.readString(log));
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the app was not ready within " + START_TIMEOUT + ":\n" + Files.readString(log));
  }

  /** The start-up line of this run (the log file is new for every start). */
  private static Optional<Matcher> readyLine(Path log) throws IOException {
    if (!Files.exists(log)) {
      return Optional.empty();
    }
    Matcher m = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
    return m.find() ? Optional.of(m) : Optional.empty();
  }

  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no flush, nothing. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the JVM runs the app's shutdown hook; returns the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the app did not stop within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
