package dev.cicd.http.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.BuildId;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Layout, accessibility and security of the page itself: 360 px, axe, keyboard, CSP, screenshots. */
class DashboardLayoutTest extends BrowserTestSupport {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @AfterEach
  void resetEmulation() {
    if (browser == null) {
      return;
    }
    browser.viewport(0, 0);
    browser.colorScheme("light");
  }

  List<String> routes() {
    List<String> routes = new ArrayList<>(VIEWS);
    routes.add("#/build/" + URLEncoder.encode(BuildId.github(History.FLAKY_REPOSITORY, History.FLAKY_RUN).asString(),
        StandardCharsets.UTF_8));
    routes.add("#/builds?branch=" + URLEncoder.encode(History.XSS_BRANCH, StandardCharsets.UTF_8));
    return routes;
  }

  @Test
  @DisplayName("at 360×740 no view is wider than the viewport")
  void narrowViewport() {
    browser.viewport(360, 740);
    for (String route : routes()) {
      open(route);
      Number scrollWidth = (Number) browser.script(
          "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
      Number viewport = (Number) browser.script("return window.innerWidth");
      assertThat(viewport.intValue()).isEqualTo(360);
      assertThat(scrollWidth.intValue()).as("document width of %s", route).isLessThanOrEqualTo(360);
    }
  }

  @ParameterizedTest(name = "axe-core finds no serious or critical violation ({0} scheme)")
  @ValueSource(strings = {"light", "dark"})
  void axe(String scheme) {
    browser.colorScheme(scheme);
    List<Axe.Violation> serious = new ArrayList<>();
    for (String route : routes()) {
      open(route);
      Axe.Result result = Axe.run(driver);
      assertThat(result.passedRules()).as("axe checked %s", route).isGreaterThan(10);
      for (Axe.Violation v : result.violations()) {
        System.out.println("axe " + Axe.version() + " " + scheme + " " + route + ": " + v);
        if (v.seriousOrCritical()) {
          serious.add(v);
        }
      }
    }
    assertThat(serious).isEmpty();
  }

  @Test
  @DisplayName("keyboard: skip link first, visible focus, views reachable and focused")
  void keyboard() {
    open("#/overview");
    driver.navigate().refresh();
    waitForView();
    new Actions(driver).sendKeys(Keys.TAB).perform();
    WebElement skip = driver.switchTo().activeElement();
    assertThat(skip.getText()).isEqualTo("Skip to content");
    assertThat(((Number) browser.script("return arguments[0].getBoundingClientRect().top", skip)).doubleValue())
        .as("the skip link becomes visible when focused").isGreaterThanOrEqualTo(0);

    new Actions(driver).sendKeys(Keys.TAB).perform();
    WebElement nav = driver.switchTo().activeElement();
    assertThat(nav.getText()).isEqualTo("Overview");
    assertThat(nav.getCssValue("outline-style")).isNotEqualTo("none");
    assertThat(Double.parseDouble(nav.getCssValue("outline-width").replace("px", ""))).isGreaterThanOrEqualTo(2);

    new Actions(driver).sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
    waitUntil(d -> "view-builds".equals(visibleView()));
    waitForView();
    assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Builds");
    assertThat(driver.switchTo().activeElement().getTagName()).isEqualTo("h1");
  }

  @Test
  @DisplayName("status is shown with icon and text, and the page triggers no CSP violation")
  void statusTextAndCsp() {
    browser.consoleMessages();
    for (String route : routes()) {
      open(route);
    }
    for (WebElement badge : driver.findElements(By.cssSelector("#builds-table .badge"))) {
      assertThat(badge.findElements(By.cssSelector("svg[aria-hidden=true]"))).hasSize(1);
      assertThat(badge.getText()).isNotBlank();
    }
    assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy"));
  }

  @Test
  @DisplayName("screenshots of the overview and a build detail are written under target/screenshots")
  void screenshots() throws IOException {
    open("#/overview");
    assertThat(driver.findElements(By.cssSelector("[data-chart] canvas"))).hasSize(3);
    shoot("overview-1280-light.png", 1280);
    browser.colorScheme("dark");
    shoot("overview-1280-dark.png", 1280);
    browser.colorScheme("light");
    browser.viewport(360, 740);
    open("#/overview");
    shoot("overview-360-light.png", 360);
    browser.viewport(1280, 900);
    open(routes().get(4));
    shoot("build-detail-1280-light.png", 1280);
    browser.viewport(360, 740);
    open(routes().get(4));
    shoot("build-detail-360-light.png", 360);
    browser.viewport(360, 740);
    open("#/builds");
    shoot("builds-360-light.png", 360);
  }

  private void shoot(String name, int width) throws IOException {
    Path file = SCREENSHOTS.resolve(name);
    browser.screenshot(file, width);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isGreaterThanOrEqualTo(600);
  }
}
