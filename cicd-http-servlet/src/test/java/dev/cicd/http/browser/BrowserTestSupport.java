package dev.cicd.http.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One Jetty with the real servlet and one headless Chromium per test class, with the seeded
 * {@link History}. Tests start from a signed-in tab (the read token in sessionStorage).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestSupport {
  static final Duration LOAD = Duration.ofSeconds(15);
  static final List<String> VIEWS = List.of("#/overview", "#/builds", "#/alerts", "#/settings");

  DashboardServer server;
  Browser browser;
  ChromeDriver driver;

  /** False runs the servlet without async support: no live stream, so the page polls. */
  boolean asyncSupported() {
    return true;
  }

  @BeforeAll
  void startServerAndBrowser() {
    if (!Browser.installed()) {
      return; // each test is then reported skipped with the reason (or fails): see requireBrowser()
    }
    server = DashboardServer.start(asyncSupported());
    new History(server.cicd().ingestion(), Instant.now()).seed();
    browser = Browser.start();
    driver = browser.driver();
  }

  @BeforeEach
  void requireBrowser() {
    Browser.assumeInstalled();
  }

  @AfterAll
  void stopServerAndBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Opens a route (e.g. "#/builds?status=failure"), entering the read token if the page asks for it. */
  void open(String fragment) {
    driver.get(server.url() + fragment);
    waitUntil(d -> isShown("auth-panel") || visibleView() != null);
    if (isShown("auth-panel")) {
      signIn(DashboardServer.READ_TOKEN);
    }
    waitForView();
  }

  void signIn(String token) {
    WebElement input = driver.findElement(By.id("token-input"));
    input.clear();
    input.sendKeys(token);
    driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
  }

  /** Waits until the visible view finished loading (no aria-busy, no loading message). */
  void waitForView() {
    waitUntil(d -> {
      String view = visibleView();
      return view != null && Boolean.TRUE.equals(browser.script(
          "const v = document.getElementById(arguments[0]);"
              + "return !v.hasAttribute('aria-busy') && !v.querySelector('.state-loading');", view));
    });
  }

  String visibleView() {
    return (String) browser.script(
        "const v = Array.from(document.querySelectorAll('main > .view')).find(s => !s.hidden);"
            + "return v && v.id !== 'auth-panel' ? v.id : null;");
  }

  boolean isShown(String id) {
    return Boolean.TRUE.equals(browser.script("const e = document.getElementById(arguments[0]); return !!e && !e.hidden;", id));
  }

  /** The element's visible text; an element the page re-rendered between finding and reading is found again. */
  String text(String css) {
    for (int attempt = 1; ; attempt++) {
      try {
        return driver.findElement(By.cssSelector(css)).getText();
      } catch (StaleElementReferenceException e) {
        if (attempt == 20) {
          throw e;
        }
      }
    }
  }

  /** The KPI's visible text, e.g. text of [data-kpi="successRate"]. */
  String kpi(String name) {
    return (String) browser.script("return document.querySelector('[data-kpi=\"' + arguments[0] + '\"]').textContent", name);
  }

  String fragment() {
    return (String) browser.script("return location.hash");
  }

  /** Waits for {@code condition}; an element the page re-rendered meanwhile (stale) is looked up again. */
  <T> T waitUntil(ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, LOAD).ignoring(StaleElementReferenceException.class).until(condition);
  }

  <T> T waitUntil(Duration timeout, ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, timeout).pollingEvery(Duration.ofMillis(50))
        .ignoring(StaleElementReferenceException.class).until(condition);
  }
}
