package dev.cicd.http.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves files from one classpath folder: an extension allowlist with content types, plain segment
 * names only (no dot segments, encodings or backslashes), 404 when missing, {@code Cache-Control} on
 * assets. HTML pages get a fresh CSP nonce, substituted for {@code {{cspNonce}}} in the page and
 * allowed by that response's policy, and the fixed page values (such as {@code {{githubHost}}}).
 */
public final class StaticFiles {
  static final String NONCE_PLACEHOLDER = "{{cspNonce}}";
  static final Map<String, String> TYPES = Map.of(
      "html", "text/html;charset=UTF-8",
      "css", "text/css;charset=UTF-8",
      "js", "text/javascript;charset=UTF-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "json", "application/json;charset=UTF-8",
      "map", "application/json;charset=UTF-8",
      "woff2", "font/woff2");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String root;
  private final String assetCacheControl;
  private final Map<String, String> pageValues;
  private final String cspExtra;
  /** Found files only, so requests for missing names cannot grow it. */
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /**
   * @param root classpath folder without leading or trailing slash, e.g. {@code dev/cicd/http/dashboard}
   */
  public StaticFiles(String root, String assetCacheControl) {
    this(root, assetCacheControl, Map.of(), "");
  }

  /**
   * @param pageValues placeholder name (without braces) to value, substituted in HTML pages; values
   *     must be safe in HTML text and attributes (they are configuration, never request data)
   * @param cspExtra directives appended to the policy of pages, e.g. {@code ; img-src 'self' data:}
   */
  public StaticFiles(String root, String assetCacheControl, Map<String, String> pageValues, String cspExtra) {
    this.root = root;
    this.assetCacheControl = assetCacheControl;
    this.pageValues = Map.copyOf(pageValues);
    this.cspExtra = cspExtra;
  }

  /** True when a relative path is made of plain segments with an allowed extension. */
  static boolean isSafe(String relative) {
    if (relative.isEmpty() || relative.length() > 512) {
      return false;
    }
    for (String segment : relative.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
        return false;
      }
    }
    return TYPES.containsKey(extension(relative));
  }

  /**
   * Answers the file at {@code relative} (no leading slash).
   *
   * @throws HttpProblem 404 when the name is not allowed or the file does not exist
   */
  public void serve(HttpServletResponse response, String relative) throws IOException {
    if (!isSafe(relative)) {
      throw HttpProblem.notFound("no such file");
    }
    byte[] bytes = load(relative).orElseThrow(() -> HttpProblem.notFound("no such file"));
    String extension = extension(relative);
    if (extension.equals("html")) {
      String nonce = Base64.getEncoder().encodeToString(nonceBytes());
      String page = new String(bytes, StandardCharsets.UTF_8).replace(NONCE_PLACEHOLDER, nonce);
      for (Map.Entry<String, String> value : pageValues.entrySet()) {
        page = page.replace("{{" + value.getKey() + "}}", value.getValue());
      }
      bytes = page.getBytes(StandardCharsets.UTF_8);
      response.setHeader("Content-Security-Policy", SecurityHeaders.cspWithNonce(nonce) + cspExtra);
      response.setHeader("Cache-Control", "no-cache");
    } else {
      response.setHeader("Cache-Control", assetCacheControl);
    }
    response.setStatus(200);
    response.setContentType(TYPES.get(extension));
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private Optional<byte[]> load(String relative) {
    return Optional.ofNullable(cache.computeIfAbsent(relative, r -> {
      try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(root + "/" + r)) {
        return in == null ? null : in.readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot read static file " + r, e);
      }
    }));
  }

  private static byte[] nonceBytes() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
