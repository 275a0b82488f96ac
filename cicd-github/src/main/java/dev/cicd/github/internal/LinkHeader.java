package dev.cicd.github.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads the {@code rel="next"} target of an RFC 8288 {@code Link} header, as GitHub sends it. */
public final class LinkHeader {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]*)*)");
  private static final Pattern REL = Pattern.compile("(?i)rel\\s*=\\s*(\"([^\"]*)\"|[^\\s;,]+)");

  private LinkHeader() {}

  /** The URL of the link with relation {@code next}, or null. */
  public static @Nullable String next(@Nullable String header) {
    if (header == null) {
      return null;
    }
    Matcher link = LINK.matcher(header);
    while (link.find()) {
      Matcher rel = REL.matcher(link.group(2));
      while (rel.find()) {
        String value = rel.group(2) != null ? rel.group(2) : rel.group(1);
        for (String relation : value.trim().split("\\s+")) {
          if (relation.toLowerCase(Locale.ROOT).equals("next")) {
            return link.group(1).trim();
          }
        }
      }
    }
    return null;
  }
}
