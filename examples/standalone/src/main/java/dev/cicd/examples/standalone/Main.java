package dev.cicd.examples.standalone;

import java.io.PrintStream;
import java.util.List;

/**
 * Entry point of {@code cicd-dashboard.jar}. Exit codes: 0 stopped normally (or healthy), 1 failed to
 * start (or unhealthy), 2 bad arguments or configuration.
 */
public final class Main {
  static final String USAGE = """
      Usage: java -jar cicd-dashboard.jar [--demo | --healthcheck | --help]

        (no option)    serve the dashboard, configured by CICD_* environment variables
        --demo         seed a realistic history and keep adding runs; reading is public unless tokens are set
        --healthcheck  GET http://127.0.0.1:$CICD_PORT/health; exit 0 when it answers 200, else 1
        --help         this text

      Variables (an optional properties file named by CICD_CONFIG_FILE may set the same keys):
        CICD_PORT (8080, 0 = any free port)   CICD_DATA_DIR (./cicd-data)   CICD_DB_URL / CICD_DB_USER / CICD_DB_PASSWORD
        CICD_GITHUB_WEBHOOK_SECRET   CICD_GITHUB_TOKEN   CICD_GITHUB_REPOSITORIES (owner/name,...)   CICD_GITHUB_API_URL
        CICD_GITHUB_POLL_DEPLOYMENTS (false; true polls deployments too: the token needs read access to them)
        CICD_BACKFILL_DAYS (30)   CICD_POLL_INTERVAL (60s)   CICD_API_TOKEN   CICD_ADMIN_TOKEN   CICD_PUBLIC_READ (false)
        CICD_TRUSTED_PROXIES   CICD_SLACK_WEBHOOK_URL   CICD_SMTP_HOST / _PORT / _SECURITY / _USER / _PASSWORD / _FROM / _TO
        CICD_WEBHOOK_INBOX (false: merge each webhook before its 2xx; true: 202 once stored raw, merged behind)
        CICD_DEPLOY_WORKFLOWS (workflow names, comma separated, whose runs are deployments for DORA)
      See README.md for details.
      """;

  private Main() {}

  public static void main(String[] args) {
    // Hibernate logs through jboss-logging, which would pick java.util.logging; send it to SLF4J instead.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    List<String> options = List.of(args);
    if (options.contains("--help") || options.contains("-h")) {
      System.out.print(USAGE);
      return;
    }
    if (options.contains("--healthcheck")) {
      System.exit(HealthCheckCommand.run(System.getenv(), System.out));
    }
    if (!List.of("--demo").containsAll(options)) {
      System.err.println("Unknown option in " + options + "\n\n" + USAGE);
      System.exit(2);
    }
    int failure = serve(options.contains("--demo"), System.err);
    if (failure != RUNNING) {
      System.exit(failure);
    }
  }

  /** Jetty's threads keep the JVM alive; SIGTERM or Ctrl+C runs the shutdown hook, which stops the app. */
  private static final int RUNNING = -1;

  /** Starts the app; returns {@link #RUNNING}, or the exit code when the start failed. */
  private static int serve(boolean demo, PrintStream err) {
    Settings settings;
    try {
      settings = SettingsParser.fromEnvironment(System.getenv(), demo);
    } catch (SettingsException e) {
      err.println("Configuration error: " + e.getMessage());
      return 2;
    }
    for (String unknown : SettingsParser.unknownKeys(System.getenv())) {
      err.println("Warning: " + unknown + " is not a variable the app reads (misspelt?); see --help");
    }
    StandaloneApp app = new StandaloneApp(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "cicd-shutdown"));
    try {
      app.start();
    } catch (SettingsException e) {
      err.println("Configuration error: " + e.getMessage());
      return 2;
    } catch (StartupException e) {
      err.println("Could not start: " + e.getMessage());
      return 1;
    }
    return RUNNING;
  }
}
