package dev.cicd.http.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.RunUpdate;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The dashboard against the real servlet: numbers, filters, injection, live updates, detail. */
class DashboardBrowserTest extends BrowserTestSupport {

  @Test
  @DisplayName("a protected deployment asks for the token once and keeps it in sessionStorage only")
  void tokenForm() {
    driver.get(server.url());
    browser.script("sessionStorage.clear()");
    driver.navigate().refresh();
    waitUntil(d -> isShown("auth-panel"));
    assertThat(text("#auth-title")).isEqualTo("Access token required");

    signIn("wrong-token-0123456789");
    waitUntil(d -> isShown("token-error"));
    assertThat(text("#token-error")).contains("not accepted");

    signIn(DashboardServer.READ_TOKEN);
    waitForView();
    assertThat(visibleView()).isEqualTo("view-overview");
    assertThat(browser.script("return sessionStorage.getItem('cicd.token')")).isEqualTo(DashboardServer.READ_TOKEN);
    assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
    assertThat(browser.script("return document.cookie")).isEqualTo("");
    assertThat(driver.getCurrentUrl()).doesNotContain(DashboardServer.READ_TOKEN);

    driver.navigate().refresh();
    waitForView();
    assertThat(isShown("auth-panel")).as("the token is asked for once per tab").isFalse();
  }

  @Test
  @DisplayName("the KPI numbers on the page equal the API's")
  void kpisEqualTheApi() {
    open("#/overview?window=7d");
    JsonNode api = server.get("api/metrics/summary?window=7d");

    assertThat(api.path("builds").path("total").asLong()).isGreaterThan(30);
    assertThat(kpi("builds")).isEqualTo(Formats.count(api.path("builds").path("total")));
    assertThat(kpi("successRate")).isEqualTo(Formats.percent(api.path("successRate")));
    assertThat(kpi("durationP50")).isEqualTo(Formats.duration(api.path("durationMs").path("p50")));
    assertThat(kpi("durationP95")).isEqualTo(Formats.duration(api.path("durationMs").path("p95")));
    assertThat(kpi("queueP95")).isEqualTo(Formats.duration(api.path("queueMs").path("p95")));
    assertThat(kpi("mttr")).isEqualTo(Formats.duration(api.path("mttrMs")));
    assertThat(kpi("flaky")).isEqualTo(Formats.count(api.path("flakyBuilds"))).isEqualTo("1");
    assertThat(kpi("firstAttempt")).isEqualTo(Formats.percent(api.path("firstAttemptSuccessRate")));
    assertThat(List.of(kpi("successRate"), kpi("durationP50"), kpi("queueP95"), kpi("mttr")))
        .as("the seeded history gives every KPI a value").doesNotContain(Formats.NONE);

    JsonNode dora = api.path("dora");
    assertThat(isShown("dora")).as("DORA panel shown when deployment data exists").isTrue();
    assertThat(kpi("doraChangeFailure")).isEqualTo(Formats.percent(dora.path("changeFailureRate"))).isEqualTo("50.0%");
    assertThat(driver.findElements(By.cssSelector("[data-chart] canvas"))).hasSize(3);
  }

  @Test
  @DisplayName("filters narrow the table and live in the URL; back and forward restore them")
  void filtersInTheUrl() {
    open("#/builds");
    int all = rows().size();
    assertThat(all).isEqualTo(server.get("api/builds?limit=50").path("items").size());

    WebElement repository = driver.findElement(By.id("f-repository"));
    repository.sendKeys("octo-org/docs");
    driver.findElement(By.cssSelector("#build-filters button[type=submit]")).click();
    waitUntil(d -> fragment().contains("repository=octo-org%2Fdocs"));
    waitForView();
    int expected = server.get("api/builds?limit=50&repository=octo-org/docs").path("items").size();
    waitUntil(d -> rows().size() == expected);
    assertThat(expected).isBetween(1, all - 1);
    assertThat(rows()).allSatisfy(row -> assertThat(row.findElement(By.cssSelector(".meta")).getText())
        .startsWith("octo-org/docs"));

    new Select(driver.findElement(By.id("f-status"))).selectByValue("failure");
    driver.findElement(By.cssSelector("#build-filters button[type=submit]")).click();
    waitUntil(d -> fragment().contains("status=failure"));
    waitForView();
    int failed = server.get("api/builds?limit=50&repository=octo-org/docs&conclusion=failure").path("items").size();
    waitUntil(d -> rows().size() == failed);
    assertThat(failed).isBetween(1, expected - 1);

    driver.navigate().back();
    waitUntil(d -> !fragment().contains("status="));
    waitForView();
    waitUntil(d -> rows().size() == expected);
    assertThat(driver.findElement(By.id("f-status")).getAttribute("value")).isEmpty();
    assertThat(repository.getAttribute("value")).isEqualTo("octo-org/docs");

    driver.navigate().back();
    waitUntil(d -> !fragment().contains("repository="));
    waitForView();
    waitUntil(d -> rows().size() == all);
    assertThat(repository.getAttribute("value")).isEmpty();

    driver.navigate().forward();
    waitUntil(d -> fragment().contains("repository=octo-org%2Fdocs"));
    waitForView();
    waitUntil(d -> rows().size() == expected);
    assertThat(repository.getAttribute("value")).isEqualTo("octo-org/docs");
  }

  @Test
  @DisplayName("a branch or title holding HTML is shown as text and never runs")
  void untrustedStringsStayText() {
    open("#/builds");
    WebElement branch = driver.findElement(By.id("f-branch"));
    branch.sendKeys(History.XSS_BRANCH);
    driver.findElement(By.cssSelector("#build-filters button[type=submit]")).click();
    waitUntil(d -> fragment().contains("branch="));
    waitForView();
    waitUntil(d -> !rows().isEmpty() && rows().size() < 20);
    assertThat(rows()).allSatisfy(row -> assertThat(row.findElement(By.cssSelector(".col-branch .branch"))
        .getAttribute("textContent")).isEqualTo(History.XSS_BRANCH));
    assertThat(driver.findElements(By.cssSelector("main img, main script"))).isEmpty();
    assertThat(browser.script("return typeof window.__xss")).isEqualTo("undefined");

    open("#/overview");
    assertThat(driver.findElement(By.id("failing")).getAttribute("textContent")).contains(History.XSS_BRANCH);

    String titled = server.get("api/builds?limit=200").path("items").findValues("title").stream()
        .filter(t -> t.asText().equals(History.XSS_TITLE)).findFirst().map(JsonNode::asText).orElseThrow();
    BuildId id = BuildId.github("octo-org/web", 1_000_004L);
    open("#/build/" + URLEncoder.encode(id.asString(), StandardCharsets.UTF_8));
    assertThat(text("#build-title")).isEqualTo(titled);
    assertThat(driver.findElements(By.cssSelector("main img, main script"))).isEmpty();
    assertThat(browser.script("return typeof window.__xss")).isEqualTo("undefined");
  }

  @Test
  @DisplayName("an ingested build appears within 2 s without a reload, and a new failure is announced")
  void liveRowUpdate() {
    open("#/builds");
    waitUntil(d -> "live".equals(browser.script("return document.getElementById('live-state').dataset.state")));
    browser.script("window.__notReloaded = true");
    History history = new History(server.cicd().ingestion(), Instant.now());
    BuildId id = history.run("octo-org/api", 2_000_001L, "CI", "main", 1, Conclusion.FAILURE,
        Instant.now().minusSeconds(90), 60_000, "Live failure");

    WebElement row = waitUntil(Duration.ofSeconds(2), d -> d.findElements(
        By.cssSelector("#builds-table tbody tr[data-key='" + id.asString() + "']")).stream().findFirst().orElse(null));
    assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Failed");
    assertThat(browser.script("return window.__notReloaded")).isEqualTo(true);
    assertThat(driver.findElement(By.id("failure-log")).getAttribute("textContent"))
        .contains("New failure: octo-org/api · CI · main");
    assertThat(driver.findElement(By.id("live-updated")).getText()).matches("updated \\d+ s ago");
  }

  @Test
  @DisplayName("opening the overview loads its data once: the first live connection does not load it again")
  void firstLoadOnce() throws InterruptedException {
    open("#/overview?window=7d");
    waitUntil(d -> "live".equals(browser.script("return document.getElementById('live-state').dataset.state")));
    Thread.sleep(1_000); // a refresh requested by the connection would have run 150 ms after it

    Object loads = browser.script("return performance.getEntriesByType('resource').filter(e =>"
        + " e.name.includes('api/metrics/summary') && e.responseStatus === 200).length");
    assertThat(loads).isEqualTo(1L);
  }

  @Test
  @DisplayName("KPIs and the failing list follow an ingested change within 2 s")
  void liveKpiUpdate() {
    open("#/overview?window=7d");
    waitUntil(d -> "live".equals(browser.script("return document.getElementById('live-state').dataset.state")));
    String before = kpi("builds");
    new History(server.cicd().ingestion(), Instant.now()).run("octo-org/docs", 2_000_002L, "Deploy", "release/9",
        1, Conclusion.FAILURE, Instant.now().minusSeconds(60), 30_000, "Broke the release");
    String after = Formats.count(server.get("api/metrics/summary?window=7d").path("builds").path("total"));
    assertThat(after).isNotEqualTo(before);

    waitUntil(Duration.ofSeconds(2), d -> kpi("builds").equals(after)
        && driver.findElement(By.id("failing")).getAttribute("textContent").contains("release/9"));
  }

  @Test
  @DisplayName("an open build detail follows its own build live")
  void liveDetailUpdate() {
    BuildId id = BuildId.github("octo-org/docs", 2_000_003L);
    Instant created = Instant.now().minusSeconds(60);
    server.cicd().ingestion().ingest(RunUpdate.builder(id).workflowName("CI").runNumber(3).branch("main")
        .title("Slow one").status(BuildStatus.IN_PROGRESS).createdAt(created).startedAt(created.plusSeconds(5))
        .updatedAt(created.plusSeconds(5)).build());
    open("#/build/" + URLEncoder.encode(id.asString(), StandardCharsets.UTF_8));
    waitUntil(d -> "live".equals(browser.script("return document.getElementById('live-state').dataset.state")));
    // the detail of a running build re-renders while it runs: read the badge through the stale-tolerant wait
    waitUntil(Duration.ofSeconds(5), d -> text("#build-detail .badge").equals("Running"));

    server.cicd().ingestion().ingest(RunUpdate.builder(id).workflowName("CI").runNumber(3).branch("main")
        .title("Slow one").status(BuildStatus.COMPLETED).conclusion(Conclusion.SUCCESS).createdAt(created)
        .startedAt(created.plusSeconds(5)).updatedAt(Instant.now()).completedAt(Instant.now()).build());
    waitUntil(Duration.ofSeconds(2), d -> text("#build-detail .badge").equals("Success"));
  }

  @Test
  @DisplayName("build detail shows attempts, jobs with queue time next to run time, steps and the GitHub link")
  void buildDetail() {
    BuildId id = BuildId.github(History.FLAKY_REPOSITORY, History.FLAKY_RUN);
    JsonNode api = server.get("api/builds/" + URLEncoder.encode(id.asString(), StandardCharsets.UTF_8));
    open("#/build/" + URLEncoder.encode(id.asString(), StandardCharsets.UTF_8));

    assertThat(driver.findElements(By.cssSelector("#build-detail section:nth-of-type(2) tbody tr"))).hasSize(2);
    List<WebElement> jobTables = driver.findElements(By.cssSelector("#build-detail table.jobs"));
    assertThat(jobTables).hasSize(2);
    List<String> headers = jobTables.get(0).findElements(By.cssSelector("thead th")).stream()
        .map(WebElement::getText).toList();
    assertThat(headers.indexOf("Run time")).isEqualTo(headers.indexOf("Queue time") + 1);
    JsonNode firstJob = api.path("jobs").get(0);
    String queue = Formats.duration(firstJob.path("queueMs"));
    assertThat(driver.findElement(By.id("build-detail")).getAttribute("textContent")).contains(queue)
        .contains("Run tests");

    WebElement link = driver.findElement(By.cssSelector("#build-detail .panel:first-child a[target=_blank]"));
    assertThat(link.getText()).startsWith("View this run on GitHub");
    assertThat(link.getAttribute("href")).isEqualTo(api.path("url").asText()).startsWith("https://github.com/");
    assertThat(link.getAttribute("rel")).contains("noopener");
  }

  private List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#builds-table tbody tr"));
  }
}
