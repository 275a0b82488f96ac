package dev.cicd.http.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a request to a route: identifies the caller, applies the per-client rate limit (before
 * rejecting bad tokens, so guessing is rate-limited too), then checks the route's {@link Access}.
 */
public final class Guard {
  private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

  private final Auth auth;
  private final ClientAddress clientAddress;
  private final RateLimiter rateLimiter;
  private final Tickets tickets;
  private final boolean publicRead;

  public Guard(Auth auth, ClientAddress clientAddress, RateLimiter rateLimiter, Tickets tickets, boolean publicRead) {
    this.auth = auth;
    this.clientAddress = clientAddress;
    this.rateLimiter = rateLimiter;
    this.tickets = tickets;
    this.publicRead = publicRead;
  }

  /**
   * @return the caller
   * @throws HttpProblem 429, 401 or 403
   */
  public Principal admit(Route route, HttpServletRequest request) {
    if (route.access() == Access.SIGNATURE || route.produces() == null) {
      return new Principal(Role.ANONYMOUS, "ip:" + clientAddress.of(request));
    }
    Principal principal = auth.identify(request);
    if (route.rateLimited()) {
      rateLimiter.acquire(principal.clientKey());
    }
    Role role = principal.role();
    if (role == Role.INVALID) {
      LOG.info("Refused a request with an invalid bearer token from {}", principal.clientKey());
      throw HttpProblem.unauthorized("the bearer token is not valid");
    }
    switch (route.access()) {
      case PUBLIC, SIGNATURE -> { }
      case READ -> requireRead(role);
      case ADMIN -> requireAdmin(role);
      case READ_OR_TICKET -> {
        if (!role.canRead() && !publicRead) {
          String ticket = new QueryParams(request.getQueryString()).string("ticket");
          if (ticket == null) {
            throw HttpProblem.unauthorized("a bearer token or a ticket from POST api/events/ticket is required");
          }
          if (!tickets.redeem(ticket)) {
            throw HttpProblem.unauthorized("the ticket is not valid, expired or already used");
          }
        }
      }
    }
    return principal;
  }

  private void requireRead(Role role) {
    if (!role.canRead() && !publicRead) {
      throw HttpProblem.unauthorized("a bearer token is required in the Authorization header");
    }
  }

  private void requireAdmin(Role role) {
    if (role == Role.ADMIN) {
      return;
    }
    if (role == Role.READ) {
      throw HttpProblem.forbidden("this endpoint needs the admin token");
    }
    if (!auth.hasAdminToken()) {
      throw HttpProblem.forbidden("configuration endpoints are disabled: no admin token is configured");
    }
    throw HttpProblem.unauthorized("the admin token is required in the Authorization header");
  }
}
