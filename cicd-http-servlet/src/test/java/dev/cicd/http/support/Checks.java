package dev.cicd.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** Assertions shared by the HTTP tests. */
public final class Checks {
  public static final String CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  private Checks() {}

  /** An RFC 9457 problem with this status, and nothing internal in it. */
  public static JsonNode problem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode body = Json.body(response);
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("title").asText()).isNotBlank();
    assertThat(body.path("requestId").asText()).isNotBlank();
    assertNothingInternal(response.body());
    securityHeaders(response);
    return body;
  }

  public static void assertNothingInternal(String body) {
    assertThat(body).doesNotContain("Exception", "\tat ", "java.", "dev.cicd.", "jakarta.", "org.eclipse",
        "org.apache");
  }

  /** The headers every response carries, errors included. */
  public static void securityHeaders(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).startsWith(CSP));
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  public static void apiHeaders(HttpResponse<String> response) {
    securityHeaders(response);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
  }
}
