package dev.cicd.benchmarks;

import dev.cicd.core.Cicd;
import dev.cicd.http.CicdDashboardServlet;
import dev.cicd.http.HttpConfig;
import dev.cicd.store.jpa.JpaBuildStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard's first render over the 1,000,000-build database of {@link QueryBenchmark}, in headless
 * Chromium: the real servlet on Jetty, a fresh browser profile (empty cache) per run. "Rendered" is the
 * first animation frame in which the overview's key figures show numbers and its charts have drawn; the
 * time is {@code performance.now()} then (from navigation start), and the bytes are the transfer sizes of
 * the page and of every resource and API call fetched until then (Resource Timing).
 *
 * <pre>java -cp "$CP" dev.cicd.benchmarks.FirstRender h2|postgres [runs]</pre>
 * Needs Chromium and chromedriver ({@code CICD_CHROMIUM}, {@code CICD_CHROMEDRIVER}, Debian paths by default).
 * The browser's clock is shifted to the end of the generated history, as the store's clock is.
 */
public final class FirstRender {
  /** Runs in every new document before the page's scripts: shifts Date and records the first render. */
  private static final String PROBE = """
      (() => {
        const Real = Date, offset = %d - Real.now();
        class Shifted extends Real {
          constructor(...a) { if (a.length === 0) super(Real.now() + offset); else super(...a); }
          static now() { return Real.now() + offset; }
        }
        globalThis.Date = Shifted;
        const rendered = () => {
          const kpi = document.querySelector('[data-kpi="builds"]');
          const busy = document.querySelector('#view-overview[aria-busy="true"]');
          return kpi && /\\d/.test(kpi.textContent) && !busy && document.querySelector('#view-overview canvas');
        };
        const check = () => {
          if (rendered()) {
            const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
            window.__firstRender = { ms: performance.now(), bytes: entries.reduce((s, e) => s + (e.transferSize || 0), 0),
              decoded: entries.reduce((s, e) => s + (e.decodedBodySize || 0), 0), requests: entries.length,
              entries: entries.map(e => e.name.replace(location.origin, '') + ' ' + e.transferSize + ' B '
                + Math.round(e.responseEnd - e.startTime) + ' ms') };
          } else {
            requestAnimationFrame(check);
          }
        };
        requestAnimationFrame(check);
      })();
      """;

  private FirstRender() {}

  public static void main(String[] args) throws Exception {
    String database = args.length > 0 ? args[0] : "h2";
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    JpaBuildStore store = database.equals("h2") ? QueryBenchmark.openH2() : QueryBenchmark.openPostgres();
    Cicd cicd = Cicd.builder().store(store).clock(QueryBenchmark.NOW).build();
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    ServletHolder holder = new ServletHolder(new CicdDashboardServlet(cicd,
        HttpConfig.builder().publicRead(true).rateLimitPerMinute(0).build()));
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/cicd/*");
    // compressed as the standalone app's Jetty does (its JettyServer.compressed)
    org.eclipse.jetty.server.handler.gzip.GzipHandler gzip = new org.eclipse.jetty.server.handler.gzip.GzipHandler();
    gzip.addExcludedMimeTypes("text/event-stream");
    gzip.setHandler(context);
    jetty.setHandler(Boolean.getBoolean("firstRender.plain") ? context : gzip);
    jetty.start();
    String url = "http://127.0.0.1:" + connector.getLocalPort() + "/cicd/";
    List<Map<String, Object>> results = new ArrayList<>();
    if (Boolean.getBoolean("firstRender.serve")) { // just serve, for looking at it with curl or a browser
      System.out.println("serving " + url);
      Thread.sleep(Long.MAX_VALUE);
    }
    try {
      for (int run = 0; run <= runs; run++) {
        Map<String, Object> result = render(url);
        if (run > 0) { // run 0 warms the server's JIT and caches; the browser is cold every run
          results.add(result);
        }
        Object entries = result.remove("entries");
        System.out.printf(Locale.ROOT, "%s run %d: %s%n", run == 0 ? "warm-up" : database, run, result);
        if (run == 1 || Boolean.getBoolean("firstRender.verbose")) {
          ((List<?>) entries).forEach(e -> System.out.println("    " + e));
        }
      }
    } finally {
      jetty.stop();
      cicd.close();
      store.close();
    }
    System.out.printf(Locale.ROOT, "%s first render, median of %d cold-browser runs: %.0f ms (min %.0f, max %.0f), "
        + "%.1f KB transferred (%.1f KB decoded), %d requests%n", database, results.size(), median(results, "ms"),
        min(results, "ms"), max(results, "ms"), median(results, "bytes") / 1024, median(results, "decoded") / 1024,
        (long) median(results, "requests"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> render(String url) throws Exception {
    Path profile = Files.createTempDirectory("first-render-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(env("CICD_CHROMIUM", "/usr/bin/chromium"));
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--window-size=1280,900", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(env("CICD_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
          Map.of("source", String.format(Locale.ROOT, PROBE, BenchData.END.toEpochMilli())));
      driver.get(url);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      Object result = null;
      while (result == null && System.nanoTime() < deadline) {
        Thread.sleep(50);
        result = driver.executeScript("return window.__firstRender || null");
      }
      if (result == null) {
        throw new IllegalStateException("the dashboard did not render within 60 s");
      }
      return (Map<String, Object>) result;
    } finally {
      driver.quit();
      service.stop();
    }
  }

  private static double median(List<Map<String, Object>> results, String key) {
    List<Double> values = results.stream().map(r -> ((Number) r.get(key)).doubleValue()).sorted().toList();
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  private static double min(List<Map<String, Object>> results, String key) {
    return results.stream().mapToDouble(r -> ((Number) r.get(key)).doubleValue()).min().orElse(0);
  }

  private static double max(List<Map<String, Object>> results, String key) {
    return results.stream().mapToDouble(r -> ((Number) r.get(key)).doubleValue()).max().orElse(0);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
