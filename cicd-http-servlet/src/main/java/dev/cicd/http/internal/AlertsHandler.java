package dev.cicd.http.internal;

/**
 * {@code GET /api/alerts}, {@code POST /api/alerts/configure} and {@code POST /api/alert/test}. The
 * alert engine ({@code dev.cicd.core.alert}) is not part of this build yet, so after authentication
 * these answer 501 Not Implemented.
 */
public final class AlertsHandler {
  public void list(Exchange exchange) {
    throw notAvailable();
  }

  public void configure(Exchange exchange) {
    throw notAvailable();
  }

  public void test(Exchange exchange) {
    throw notAvailable();
  }

  private static HttpProblem notAvailable() {
    return new HttpProblem(501, "Not Implemented", "alerting is not available in this version");
  }
}
