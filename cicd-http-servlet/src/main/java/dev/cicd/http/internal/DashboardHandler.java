package dev.cicd.http.internal;

import java.io.IOException;

/**
 * The dashboard's files: {@code /} is {@code index.html}, other names come from
 * {@code dev/cicd/http/dashboard/} on the classpath, and {@code /vendor/uplot/} serves the chart
 * library from its webjar. Public: the pages carry no data; the API they call needs a token. Pages
 * get {@code {{githubHost}}} replaced by the configured provider host (links to other hosts are not
 * shown) and {@code {{cspNonce}}} by the response's nonce.
 */
public final class DashboardHandler {
  static final String ROOT = "dev/cicd/http/dashboard";

  private final StaticFiles files;
  private final StaticFiles uplot = new StaticFiles(
      "META-INF/resources/webjars/uplot/" + DocsHandler.webjarVersion("uplot") + "/dist", "public, max-age=86400");

  public DashboardHandler(String githubHost) {
    this.files = new StaticFiles(ROOT, "public, max-age=3600", java.util.Map.of("githubHost", githubHost), "");
  }

  public void file(Exchange exchange) throws IOException {
    String path = exchange.variable("path");
    files.serve(exchange.response(), path.equals("/") ? "index.html" : path.substring(1));
  }

  public void uplot(Exchange exchange) throws IOException {
    String file = exchange.variable("file");
    if (!file.matches("uPlot\\.iife\\.min\\.js|uPlot\\.iife\\.js|uPlot\\.min\\.css")) {
      throw HttpProblem.notFound("no such file");
    }
    uplot.serve(exchange.response(), file);
  }
}
