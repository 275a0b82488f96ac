package dev.cicd.http.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Headers on every response, errors included. */
public final class SecurityHeaders {
  /** The Content-Security-Policy of every response; HTML pages add a nonce to it. */
  public static final String CSP =
      "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  public static void apply(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Cache-Control", "no-store");
    if (request.isSecure()) {
      response.setHeader("Strict-Transport-Security", "max-age=31536000");
    }
  }

  /** The policy of an HTML page that may run scripts and styles carrying {@code nonce}. */
  public static String cspWithNonce(String nonce) {
    return CSP + "; script-src 'self' 'nonce-" + nonce + "'; style-src 'self' 'nonce-" + nonce + "'";
  }
}
