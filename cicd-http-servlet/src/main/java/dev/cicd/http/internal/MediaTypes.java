package dev.cicd.http.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Locale;

/** Content negotiation: does the {@code Accept} header allow a type, is the body of the right type. */
public final class MediaTypes {
  private MediaTypes() {}

  /**
   * True when no {@code Accept} header was sent or one of its ranges matches {@code type} (such as
   * {@code application/json}) with a quality above zero.
   */
  public static boolean accepts(HttpServletRequest request, String type) {
    var values = Collections.list(request.getHeaders("Accept"));
    if (values.isEmpty()) {
      return true;
    }
    String[] wanted = type.toLowerCase(Locale.ROOT).split("/", 2);
    for (String value : values) {
      for (String range : value.split(",")) {
        if (range.isBlank()) {
          continue;
        }
        String[] params = range.split(";");
        String[] parts = params[0].trim().toLowerCase(Locale.ROOT).split("/", 2);
        if (parts.length != 2 || quality(params) <= 0) {
          continue;
        }
        boolean typeOk = parts[0].equals("*") || parts[0].equals(wanted[0]);
        boolean subtypeOk = parts[1].equals("*") || parts[1].equals(wanted[1]);
        if (typeOk && subtypeOk) {
          return true;
        }
      }
    }
    return false;
  }

  private static double quality(String[] params) {
    for (int i = 1; i < params.length; i++) {
      String p = params[i].trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2).trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  /** True when the request's {@code Content-Type} is {@code application/json}, with any parameters. */
  public static boolean isJson(HttpServletRequest request) {
    String contentType = request.getContentType();
    if (contentType == null) {
      return false;
    }
    String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return base.equals("application/json");
  }
}
