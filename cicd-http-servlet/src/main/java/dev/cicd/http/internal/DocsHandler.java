package dev.cicd.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The readable API page: Swagger UI served from its webjar, started by a small script file (no
 * inline script, so it runs under the Content-Security-Policy), reading {@code openapi.json}.
 */
public final class DocsHandler {
  static final String SWAGGER_FILES = "swagger-ui.css|swagger-ui-bundle.js|swagger-ui-standalone-preset.js"
      + "|favicon-32x32.png|favicon-16x16.png";

  /** Swagger UI draws its icons from data: SVG images; the page allows those images and nothing else. */
  private final StaticFiles page = new StaticFiles("dev/cicd/http/docs", "public, max-age=3600", java.util.Map.of(),
      "; img-src 'self' data:");
  private final StaticFiles swagger;

  public DocsHandler() {
    this.swagger = new StaticFiles("META-INF/resources/webjars/swagger-ui/" + webjarVersion("swagger-ui"),
        "public, max-age=86400");
  }

  /** {@code GET /docs}: to {@code docs/}, so the page's relative links resolve. */
  public void redirect(Exchange exchange) {
    exchange.response().setStatus(302);
    exchange.response().setHeader("Location", Mount.prefix(exchange.request()) + "/docs/");
  }

  public void page(Exchange exchange) throws IOException {
    page.serve(exchange.response(), "index.html");
  }

  public void script(Exchange exchange) throws IOException {
    page.serve(exchange.response(), "init.js");
  }

  public void swaggerFile(Exchange exchange) throws IOException {
    String file = exchange.variable("file");
    if (!file.matches(SWAGGER_FILES)) {
      throw HttpProblem.notFound("no such file");
    }
    swagger.serve(exchange.response(), file);
  }

  /** The version of a webjar this module depends on (from the filtered {@code webjars.properties}). */
  static String webjarVersion(String name) {
    Properties properties = new Properties();
    try (InputStream in = DocsHandler.class.getClassLoader().getResourceAsStream("dev/cicd/http/webjars.properties")) {
      if (in == null) {
        throw new IllegalStateException("dev/cicd/http/webjars.properties is missing from the jar");
      }
      properties.load(in);
      return properties.getProperty(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
