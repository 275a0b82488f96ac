package dev.cicd.http.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/** One request being answered: the servlet request and response, path variables and the caller. */
public final class Exchange {
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final String path;
  private final Map<String, String> variables;
  private final Principal principal;
  private final String requestId;
  private QueryParams query;

  public Exchange(HttpServletRequest request, HttpServletResponse response, String path,
      Map<String, String> variables, Principal principal, String requestId) {
    this.request = request;
    this.response = response;
    this.path = path;
    this.variables = Map.copyOf(variables);
    this.principal = principal;
    this.requestId = requestId;
  }

  public HttpServletRequest request() {
    return request;
  }

  public HttpServletResponse response() {
    return response;
  }

  /** The path below the servlet's mount point, starting with {@code /}. */
  public String path() {
    return path;
  }

  public String variable(String name) {
    return Objects.requireNonNull(variables.get(name), name);
  }

  public Principal principal() {
    return principal;
  }

  public String requestId() {
    return requestId;
  }

  /** The query string, parsed strictly. */
  public QueryParams query() {
    if (query == null) {
      query = new QueryParams(request.getQueryString());
    }
    return query;
  }

  /**
   * Reads the body, at most {@code max} bytes: a declared length over the cap is refused before
   * reading, a body growing past it (chunked) as soon as the cap is reached.
   *
   * @throws HttpProblem 413 when the body is larger than {@code max}
   */
  public byte[] body(long max) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > max) {
      throw HttpProblem.payloadTooLarge(max);
    }
    int cap = (int) Math.min(max, Integer.MAX_VALUE - 16);
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes(cap);
      if (bytes.length == cap && in.read() >= 0) {
        throw HttpProblem.payloadTooLarge(max);
      }
      return bytes;
    }
  }
}
