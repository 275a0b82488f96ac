package dev.cicd.http.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request: security headers, CORS, routing (404/405), rate limit (429), authentication
 * (401/403), content negotiation (406), then the route's handler; every error becomes a problem
 * response through {@link ExceptionMapper}.
 */
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final Router router;
  private final Function<HttpServletRequest, Optional<String>> paths;
  private final Guard guard;
  private final Cors cors;
  private final ExceptionMapper exceptions;
  private final ProblemResponses problems;

  public Dispatcher(Router router, Function<HttpServletRequest, Optional<String>> paths, Guard guard, Cors cors,
      ExceptionMapper exceptions, ProblemResponses problems) {
    this.router = router;
    this.paths = paths;
    this.guard = guard;
    this.cors = cors;
    this.exceptions = exceptions;
    this.problems = problems;
  }

  public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String requestId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    prepare(request, response, requestId);
    try {
      dispatch(request, response, requestId);
    } catch (Exception e) {
      HttpProblem problem = exceptions.toProblem(e, requestId);
      if (response.isCommitted()) {
        LOG.warn("Request {} failed after the response was committed: {}", requestId, problem.detail());
        return;
      }
      response.reset();
      prepare(request, response, requestId);
      problems.write(response, problem, requestId);
    }
  }

  private void prepare(HttpServletRequest request, HttpServletResponse response, String requestId) {
    response.setHeader("X-Request-Id", requestId);
    SecurityHeaders.apply(request, response);
    cors.apply(request, response);
  }

  private void dispatch(HttpServletRequest request, HttpServletResponse response, String requestId)
      throws IOException {
    if (Mount.isSuspicious(request.getRequestURI())) {
      throw HttpProblem.notFound("no such resource");
    }
    Optional<String> maybePath = paths.apply(request);
    if (maybePath.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_FOUND);
      response.setHeader("Location", request.getRequestURI() + "/");
      return;
    }
    String path = maybePath.get();
    String method = request.getMethod();
    if (method.equals("OPTIONS")) {
      options(request, response, path);
      return;
    }
    Router.Match match = router.match(method, path);
    if (match instanceof Router.WrongMethod wrong) {
      throw HttpProblem.methodNotAllowed(wrong.allow());
    }
    if (!(match instanceof Router.Found found)) {
      throw HttpProblem.notFound("no such resource");
    }
    Route route = found.route();
    Principal principal = guard.admit(route, request);
    if (route.produces() != null && !MediaTypes.accepts(request, route.produces())) {
      throw HttpProblem.notAcceptable(route.produces());
    }
    if (route.consumesJson() && request.getContentLengthLong() != 0 && !MediaTypes.isJson(request)) {
      throw HttpProblem.unsupportedMediaType("application/json");
    }
    route.handler().handle(new Exchange(request, response, path, found.variables(), principal, requestId));
  }

  private void options(HttpServletRequest request, HttpServletResponse response, String path) {
    Router.Match match = router.match("OPTIONS", path);
    if (!(match instanceof Router.WrongMethod wrong)) {
      throw HttpProblem.notFound("no such resource");
    }
    if (Cors.isPreflight(request)) {
      cors.preflight(request, response, wrong.allow());
      return;
    }
    response.setHeader("Allow", wrong.allow());
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }
}
