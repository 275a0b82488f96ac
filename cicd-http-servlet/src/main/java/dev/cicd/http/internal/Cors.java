package dev.cicd.http.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * CORS, closed unless origins are configured. An allowed origin is echoed exactly (never {@code *},
 * never an unvalidated origin); every answer varies on {@code Origin}. Credentials are bearer tokens
 * in a header, so {@code Access-Control-Allow-Credentials} is never sent.
 */
public final class Cors {
  static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID";
  static final String EXPOSED_HEADERS = "Retry-After, X-Request-Id";

  private final Set<String> allowedOrigins;

  public Cors(Set<String> allowedOrigins) {
    this.allowedOrigins = Set.copyOf(allowedOrigins);
  }

  /** Adds the CORS headers of an actual (non-preflight) request. */
  public void apply(HttpServletRequest request, HttpServletResponse response) {
    response.addHeader("Vary", "Origin");
    String origin = request.getHeader("Origin");
    if (origin != null && allowedOrigins.contains(origin)) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
  }

  public static boolean isPreflight(HttpServletRequest request) {
    return "OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null
        && request.getHeader("Access-Control-Request-Method") != null;
  }

  /**
   * Answers a preflight for a route allowing {@code methods}.
   *
   * @throws HttpProblem 403 when the origin is not allowed
   */
  public void preflight(HttpServletRequest request, HttpServletResponse response, String methods) {
    String origin = request.getHeader("Origin");
    if (origin == null || !allowedOrigins.contains(origin)) {
      throw HttpProblem.forbidden("cross-origin requests from this origin are not allowed");
    }
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Access-Control-Allow-Methods", methods);
    response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    response.setHeader("Access-Control-Max-Age", "600");
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }
}
