package dev.cicd.http.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP error answered as {@code application/problem+json} (RFC 9457). The title and detail are
 * shown to the client, so they never carry stack traces, class names or secrets.
 */
public final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final transient Map<String, String> headers = new LinkedHashMap<>();
  private final transient List<String> errors = new ArrayList<>();

  public HttpProblem(int status, String title, @Nullable String detail) {
    super(detail == null ? title : detail, null, false, false);
    this.status = status;
    this.title = title;
  }

  public static HttpProblem badRequest(String detail) {
    return new HttpProblem(400, "Bad Request", detail);
  }

  public static HttpProblem unauthorized(String detail) {
    return new HttpProblem(401, "Unauthorized", detail).header("WWW-Authenticate", "Bearer realm=\"cicd\"");
  }

  public static HttpProblem forbidden(String detail) {
    return new HttpProblem(403, "Forbidden", detail);
  }

  public static HttpProblem notFound(String detail) {
    return new HttpProblem(404, "Not Found", detail);
  }

  public static HttpProblem methodNotAllowed(String allow) {
    return new HttpProblem(405, "Method Not Allowed", "allowed: " + allow).header("Allow", allow);
  }

  public static HttpProblem notAcceptable(String produces) {
    return new HttpProblem(406, "Not Acceptable", "this resource is available as " + produces);
  }

  public static HttpProblem payloadTooLarge(long max) {
    return new HttpProblem(413, "Content Too Large", "the body must be at most " + max + " bytes")
        .header("Connection", "close");
  }

  public static HttpProblem unsupportedMediaType(String expected) {
    return new HttpProblem(415, "Unsupported Media Type", "the body must be " + expected);
  }

  public static HttpProblem tooManyRequests(long retryAfterSeconds) {
    return new HttpProblem(429, "Too Many Requests", "rate limit exceeded; retry later")
        .header("Retry-After", Long.toString(retryAfterSeconds));
  }

  public static HttpProblem unavailable(String detail, long retryAfterSeconds) {
    return new HttpProblem(503, "Service Unavailable", detail)
        .header("Retry-After", Long.toString(retryAfterSeconds));
  }

  public HttpProblem header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** Adds itemised problems, written as the {@code errors} extension member. */
  public HttpProblem errors(List<String> values) {
    errors.addAll(values);
    return this;
  }

  public List<String> errors() {
    return List.copyOf(errors);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public Map<String, String> headers() {
    return headers;
  }
}
