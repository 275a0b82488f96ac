package dev.cicd.http;

import dev.cicd.core.Cicd;
import dev.cicd.http.internal.HttpApi;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The CI/CD dashboard servlet: REST API, the GitHub webhook endpoint ({@code api/webhook/github-actions},
 * signature-checked instead of token-checked), live updates, Prometheus metrics, the OpenAPI document
 * and the dashboard's files. Mount it at any path, with async support (needed by live updates):
 *
 * <pre>{@code
 * ServletHolder holder = new ServletHolder(new CicdDashboardServlet(cicd, config));
 * holder.setAsyncSupported(true);
 * context.addServlet(holder, "/cicd/*");
 * }</pre>
 *
 * <p>Constructing the servlet starts nothing; the container's {@code init} subscribes to ingestion
 * and {@code destroy} unsubscribes. One instance serves one {@link Cicd}.
 */
public class CicdDashboardServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient HttpApi api;

  /** A servlet without alerting: the alert endpoints answer 501. */
  public CicdDashboardServlet(Cicd cicd, HttpConfig config) {
    this.api = new HttpApi(Objects.requireNonNull(cicd, "cicd"), Objects.requireNonNull(config, "config"), null);
  }

  /** A servlet serving the alert endpoints from {@code alerting}, and alert changes as live updates. */
  public CicdDashboardServlet(Cicd cicd, HttpConfig config, Alerting alerting) {
    this.api = new HttpApi(Objects.requireNonNull(cicd, "cicd"), Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(alerting, "alerting"));
  }

  @Override
  public void init() {
    api.start();
  }

  @Override
  public void destroy() {
    api.stop();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    api.dashboard().handle(request, response);
  }

  /**
   * A servlet serving only the webhook endpoint, sharing this servlet's counters, for mounting
   * webhooks at a separate path: the last path segment names the endpoint, so mapping it at
   * {@code /hooks/*} serves {@code /hooks/github-actions}.
   */
  public CicdWebhookServlet webhookServlet() {
    return new CicdWebhookServlet(api);
  }

  /**
   * Replaces the bearer tokens (null disables one), e.g. to revoke a leaked token; the next request
   * sees the new tokens.
   *
   * @throws IllegalArgumentException when a token is too short or both are equal
   */
  public void replaceTokens(@Nullable String readToken, @Nullable String adminToken) {
    HttpConfig checked = HttpConfig.builder().readToken(readToken).adminToken(adminToken).build();
    api.replaceTokens(checked.readToken(), checked.adminToken());
  }
}
