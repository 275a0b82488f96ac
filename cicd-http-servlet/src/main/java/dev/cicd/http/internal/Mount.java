package dev.cicd.http.internal;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import java.util.Locale;
import java.util.Optional;

/** Where the servlet is mounted, and a request's path below that point. */
public final class Mount {
  private Mount() {}

  /**
   * The path below the mount point, starting with {@code /}; empty when the request named the mount
   * point itself without a trailing slash (it is redirected so relative links resolve).
   */
  public static Optional<String> path(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    MappingMatch match = mapping == null ? null : mapping.getMappingMatch();
    String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
    String pathInfo = request.getPathInfo();
    if (match == MappingMatch.CONTEXT_ROOT) {
      return Optional.of("/");
    }
    if (match == MappingMatch.PATH) {
      return Optional.ofNullable(pathInfo);
    }
    String path = servletPath + (pathInfo == null ? "" : pathInfo);
    return Optional.of(path.isEmpty() ? "/" : path);
  }

  /** The URL prefix of the mount point, e.g. {@code /app/cicd}, without a trailing slash. */
  public static String prefix(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    boolean pathMapped = mapping != null && mapping.getMappingMatch() == MappingMatch.PATH;
    return request.getContextPath() + (pathMapped ? request.getServletPath() : "");
  }

  /** True when the raw request URI carries encoded dots, slashes, backslashes or dot segments. */
  public static boolean isSuspicious(String rawUri) {
    String lower = rawUri.toLowerCase(Locale.ROOT);
    return lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")
        || lower.contains("%25") || lower.contains("\\") || lower.contains("//") || lower.contains("/./")
        || lower.contains("/../") || lower.endsWith("/..") || lower.endsWith("/.");
  }
}
