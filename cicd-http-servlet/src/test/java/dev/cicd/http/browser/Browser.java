package dev.cicd.http.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium driven by the system's chromedriver (Debian packages {@code chromium} and
 * {@code chromium-driver}); Selenium Manager never downloads anything because both paths are given.
 * Missing packages skip the test with the reason, or fail it when {@code CICD_REQUIRE_BROWSER=true}.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(env("CICD_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(env("CICD_CHROMEDRIVER", "/usr/bin/chromedriver"));
  static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
      "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
      "--disable-quic", "--disable-dev-shm-usage", "--lang=en-US", "--hide-scrollbars");

  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;

  private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
    this.driver = driver;
    this.service = service;
    this.profile = profile;
  }

  static boolean installed() {
    return missing() == null;
  }

  private static String missing() {
    return !Files.isExecutable(CHROMIUM) ? "Chromium (" + CHROMIUM + ")"
        : !Files.isExecutable(CHROMEDRIVER) ? "chromedriver (" + CHROMEDRIVER + ")" : null;
  }

  /** Skips (or, with CICD_REQUIRE_BROWSER=true, fails) the calling test when Chromium is missing. */
  static void assumeInstalled() {
    String missing = missing();
    if (missing == null) {
      return;
    }
    String reason = missing + " is not installed; install the Debian packages chromium and chromium-driver";
    if ("true".equalsIgnoreCase(System.getenv("CICD_REQUIRE_BROWSER"))) {
      fail(reason + " (CICD_REQUIRE_BROWSER=true makes this a failure)");
    }
    Assumptions.abort("Browser test skipped: " + reason);
  }

  static Browser start() {
    assumeInstalled();
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    Path profile;
    try {
      profile = Files.createTempDirectory("cicd-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile, "--window-size=1280,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new Browser(driver, service, profile);
  }

  ChromeDriver driver() {
    return driver;
  }

  Object script(String source, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(source, args);
  }

  /** Emulates a viewport of exactly width × height CSS pixels (0, 0 clears it). */
  void viewport(int width, int height) {
    if (width == 0) {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
      return;
    }
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
  }

  /** Emulates prefers-color-scheme (light or dark) and reduced motion (no highlight animations). */
  void colorScheme(String scheme) {
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(
        Map.of("name", "prefers-color-scheme", "value", scheme),
        Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
  }

  /** A PNG of the whole page (not just the viewport) at the current width. */
  void screenshot(Path file, int width) {
    Number height = (Number) script("return Math.ceil(document.documentElement.scrollHeight)");
    viewport(width, Math.max(600, height.intValue()));
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> shot = (Map<String, Object>) (Map<?, ?>) driver.executeCdpCommand(
          "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", false));
      Files.createDirectories(file.getParent());
      Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Console messages since the last call. */
  List<String> consoleMessages() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("Could not delete the Chromium profile " + dir + ": " + e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
