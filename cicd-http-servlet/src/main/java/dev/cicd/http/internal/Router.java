package dev.cicd.http.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The route table. Routes are tried in order; a path that matches a route with another method gives
 * 405; a path matching nothing goes to the static-file fallback, except under {@code /api/}, where it
 * is 404.
 */
public final class Router {
  public static final String JSON = "application/json";
  public static final String PROBLEM_JSON = "application/problem+json";
  public static final String SSE = "text/event-stream";
  public static final String TEXT = "text/plain";
  public static final String HTML = "text/html";

  private final List<Route> routes = new ArrayList<>();
  private @Nullable Route fallback;

  /** What a request path and method resolved to. */
  public sealed interface Match permits Found, WrongMethod, NotFound {}

  public record Found(Route route, Map<String, String> variables) implements Match {}

  public record WrongMethod(String allow) implements Match {}

  public record NotFound() implements Match {}

  public Router get(String path, Access access, @Nullable String produces, Handler handler) {
    routes.add(new Route("GET", new PathPattern(path), access, produces, false, handler));
    return this;
  }

  public Router post(String path, Access access, String produces, boolean consumesJson, Handler handler) {
    routes.add(new Route("POST", new PathPattern(path), access, produces, consumesJson, handler));
    return this;
  }

  /** GET for any other path outside {@code /api/}: static files. */
  public Router fallback(Handler handler) {
    this.fallback = new Route("GET", new PathPattern("/"), Access.PUBLIC, null, false, handler);
    return this;
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  public Match match(String method, String path) {
    String effective = method.equals("HEAD") ? "GET" : method;
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      Optional<Map<String, String>> variables = route.pattern().match(path);
      if (variables.isEmpty()) {
        continue;
      }
      if (route.method().equals(effective) && !(method.equals("HEAD") && SSE.equals(route.produces()))) {
        return new Found(route, variables.get());
      }
      allowed.add(route.method());
    }
    if (!allowed.isEmpty()) {
      return new WrongMethod(allowHeader(allowed));
    }
    if (fallback == null || path.equals("/api") || path.startsWith("/api/")) {
      return new NotFound();
    }
    if (!effective.equals("GET")) {
      return new WrongMethod("GET, HEAD");
    }
    return new Found(fallback, Map.of("path", path));
  }

  private static String allowHeader(Set<String> methods) {
    Set<String> all = new LinkedHashSet<>(methods);
    if (all.contains("GET")) {
      all.add("HEAD");
    }
    all.add("OPTIONS");
    return String.join(", ", all);
  }
}
