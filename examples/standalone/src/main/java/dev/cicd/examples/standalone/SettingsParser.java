package dev.cicd.examples.standalone;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@link Settings} from variables; every bad value stops the start with a message naming it. */
public final class SettingsParser {
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");
  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

  /** Every variable the app reads. */
  public static final List<String> KEYS = List.of("CICD_CONFIG_FILE", "CICD_PORT", "CICD_DATA_DIR", "CICD_DB_URL",
      "CICD_DB_USER", "CICD_DB_PASSWORD", "CICD_GITHUB_WEBHOOK_SECRET", "CICD_GITHUB_TOKEN",
      "CICD_GITHUB_REPOSITORIES", "CICD_GITHUB_API_URL", "CICD_GITHUB_POLL_DEPLOYMENTS", "CICD_BACKFILL_DAYS",
      "CICD_POLL_INTERVAL", "CICD_API_TOKEN", "CICD_ADMIN_TOKEN", "CICD_PUBLIC_READ", "CICD_TRUSTED_PROXIES",
      "CICD_SLACK_WEBHOOK_URL", "CICD_SMTP_HOST", "CICD_SMTP_PORT", "CICD_SMTP_SECURITY", "CICD_SMTP_USER",
      "CICD_SMTP_PASSWORD", "CICD_SMTP_FROM", "CICD_SMTP_TO", "CICD_WEBHOOK_INBOX", "CICD_DEPLOY_WORKFLOWS");

  private final Map<String, String> values;

  private SettingsParser(Map<String, String> values) {
    this.values = values;
  }

  /** Environment variables win over the properties file named by {@code CICD_CONFIG_FILE}, if any. */
  public static Settings fromEnvironment(Map<String, String> env, boolean demo) {
    Map<String, String> merged = new HashMap<>();
    String file = env.get("CICD_CONFIG_FILE");
    if (file != null && !file.isBlank()) {
      merged.putAll(readProperties(Path.of(file)));
    }
    env.forEach((k, v) -> {
      if (k.startsWith("CICD_")) {
        merged.put(k, v);
      }
    });
    return parse(merged, demo);
  }

  /**
   * {@code CICD_*} names in {@code env} that the app does not read, most likely misspelt (the test
   * suite's {@code CICD_TEST_*} and {@code CICD_REQUIRE_*} switches are not reported).
   */
  public static List<String> unknownKeys(Map<String, String> env) {
    return env.keySet().stream()
        .filter(k -> k.startsWith("CICD_") && !KEYS.contains(k))
        .filter(k -> !k.startsWith("CICD_TEST_") && !k.startsWith("CICD_REQUIRE_"))
        .sorted()
        .toList();
  }

  public static Settings parse(Map<String, String> values, boolean demo) {
    return new SettingsParser(values).settings(demo);
  }

  static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new SettingsException("CICD_CONFIG_FILE names a file that cannot be read: " + file + " (" + e.getMessage() + ")");
    }
    Map<String, String> map = new HashMap<>();
    properties.forEach((k, v) -> map.put(k.toString().trim(), v.toString().trim()));
    return map;
  }

  private Settings settings(boolean demo) {
    Optional<Settings.Database> database = text("CICD_DB_URL").map(url -> {
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new SettingsException("CICD_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db), but was '" + url + "'");
      }
      return new Settings.Database(url, text("CICD_DB_USER"), text("CICD_DB_PASSWORD"));
    });
    Optional<String> apiToken = text("CICD_API_TOKEN").map(t -> token("CICD_API_TOKEN", t));
    Optional<String> adminToken = text("CICD_ADMIN_TOKEN").map(t -> token("CICD_ADMIN_TOKEN", t));
    if (apiToken.isPresent() && apiToken.equals(adminToken)) {
      throw new SettingsException("CICD_ADMIN_TOKEN must differ from CICD_API_TOKEN; generate one with: openssl rand -hex 32");
    }
    return new Settings(
        integer("CICD_PORT", 8080, 0, 65_535),
        Path.of(text("CICD_DATA_DIR").orElse("./cicd-data")),
        text("CICD_DATA_DIR").isPresent(),
        database,
        github(),
        apiToken,
        adminToken,
        bool("CICD_PUBLIC_READ", false),
        text("CICD_SLACK_WEBHOOK_URL").map(u -> httpsUrl("CICD_SLACK_WEBHOOK_URL", u, true)),
        smtp(),
        list("CICD_TRUSTED_PROXIES"),
        bool("CICD_WEBHOOK_INBOX", false),
        list("CICD_DEPLOY_WORKFLOWS"),
        demo);
  }

  private Optional<Settings.GitHub> github() {
    List<String> repositories = list("CICD_GITHUB_REPOSITORIES");
    for (String repo : repositories) {
      if (!REPOSITORY.matcher(repo).matches()) {
        throw new SettingsException("CICD_GITHUB_REPOSITORIES must be a comma list of owner/name, but contained '" + repo + "'");
      }
    }
    Optional<String> token = text("CICD_GITHUB_TOKEN");
    Optional<String> secret = text("CICD_GITHUB_WEBHOOK_SECRET");
    if (!repositories.isEmpty() && token.isEmpty()) {
      throw new SettingsException("CICD_GITHUB_TOKEN is required to poll CICD_GITHUB_REPOSITORIES; set a token with actions:read");
    }
    if (repositories.isEmpty() && token.isEmpty() && secret.isEmpty()) {
      return Optional.empty();
    }
    URI api = text("CICD_GITHUB_API_URL").map(u -> httpsUrl("CICD_GITHUB_API_URL", u, false))
        .orElse(URI.create("https://api.github.com"));
    return Optional.of(new Settings.GitHub(token, secret, repositories, api,
        integer("CICD_BACKFILL_DAYS", 30, 0, 365), duration("CICD_POLL_INTERVAL", Duration.ofSeconds(60)),
        bool("CICD_GITHUB_POLL_DEPLOYMENTS", false)));
  }

  private Optional<Settings.Smtp> smtp() {
    Optional<String> host = text("CICD_SMTP_HOST");
    if (host.isEmpty()) {
      for (String key : List.of("CICD_SMTP_PORT", "CICD_SMTP_SECURITY", "CICD_SMTP_USER", "CICD_SMTP_PASSWORD",
          "CICD_SMTP_FROM", "CICD_SMTP_TO")) {
        if (text(key).isPresent()) {
          throw new SettingsException(key + " is set but CICD_SMTP_HOST is not; set CICD_SMTP_HOST to send e-mail");
        }
      }
      return Optional.empty();
    }
    String from = text("CICD_SMTP_FROM").orElseThrow(() -> new SettingsException("CICD_SMTP_FROM is required with CICD_SMTP_HOST"));
    List<String> to = list("CICD_SMTP_TO");
    if (to.isEmpty()) {
      throw new SettingsException("CICD_SMTP_TO is required with CICD_SMTP_HOST (comma list of addresses)");
    }
    for (String address : to) {
      email("CICD_SMTP_TO", address);
    }
    email("CICD_SMTP_FROM", from);
    Optional<String> user = text("CICD_SMTP_USER");
    Optional<String> password = text("CICD_SMTP_PASSWORD");
    if (user.isPresent() != password.isPresent()) {
      throw new SettingsException((user.isPresent() ? "CICD_SMTP_PASSWORD" : "CICD_SMTP_USER")
          + " is required when " + (user.isPresent() ? "CICD_SMTP_USER" : "CICD_SMTP_PASSWORD") + " is set");
    }
    int port = integer("CICD_SMTP_PORT", 587, 1, 65_535);
    String security = text("CICD_SMTP_SECURITY").map(v -> v.toLowerCase(Locale.ROOT)).orElse(port == 465 ? "smtps" : "starttls");
    if (!List.of("none", "starttls", "smtps").contains(security)) {
      throw new SettingsException("CICD_SMTP_SECURITY must be none, starttls or smtps, but was '"
          + text("CICD_SMTP_SECURITY").orElse("") + "'");
    }
    return Optional.of(new Settings.Smtp(host.get(), port, security, user, password, from, to));
  }

  private Optional<String> text(String key) {
    String value = values.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private List<String> list(String key) {
    return text(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  private int integer(String key, int fallback, int min, int max) {
    Optional<String> raw = text(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new SettingsException(key + " must be a whole number from " + min + " to " + max + ", but was '" + raw.get() + "'");
    }
  }

  private boolean bool(String key, boolean fallback) {
    Optional<String> raw = text(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new SettingsException(key + " must be true or false, but was '" + raw.get() + "'");
    };
  }

  /** ISO-8601 ({@code PT60S}) or a number with a unit: {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}, {@code 1d}. */
  Duration duration(String key, Duration fallback) {
    Optional<String> raw = text(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    Duration value;
    Matcher m = SIMPLE_DURATION.matcher(raw.get().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      value = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } else {
      try {
        value = Duration.parse(raw.get());
      } catch (DateTimeParseException e) {
        throw new SettingsException(key + " must be a duration such as 60s, 5m or PT1M, but was '" + raw.get() + "'");
      }
    }
    if (value.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new SettingsException(key + " must be at least 1s, but was '" + raw.get() + "'");
    }
    return value;
  }

  private static URI httpsUrl(String key, String raw, boolean secret) {
    try {
      URI uri = URI.create(raw);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new SettingsException(key + " must be an http(s) URL" + (secret ? "" : ", but was '" + raw + "'"));
    }
  }

  private static String token(String key, String token) {
    if (token.length() < 16) {
      throw new SettingsException(key + " must be at least 16 characters long; generate one with: openssl rand -hex 32");
    }
    return token;
  }

  private static void email(String key, String address) {
    if (!address.matches("[^@\\s<>\"]+@[^@\\s<>\"]+")) {
      throw new SettingsException(key + " must contain e-mail addresses, but contained '" + address + "'");
    }
  }
}
