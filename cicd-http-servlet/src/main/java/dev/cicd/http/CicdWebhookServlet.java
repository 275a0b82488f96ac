package dev.cicd.http;

import dev.cicd.http.internal.HttpApi;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Only the webhook endpoint, for mounting webhooks apart from the dashboard. Public but
 * signature-checked. The last path segment names the endpoint ({@code github-actions}). Get one from
 * {@link CicdDashboardServlet#webhookServlet()}, so both share counters and the store pool.
 */
public class CicdWebhookServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient HttpApi api;

  CicdWebhookServlet(HttpApi api) {
    this.api = api;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    api.webhookOnly().handle(request, response);
  }
}
