package dev.cicd.core.alert.internal;

import java.util.regex.Pattern;

/** Glob matching where {@code *} matches any run of characters and everything else is literal. */
public final class Glob {
  private Glob() {}

  public static boolean matches(String glob, String value) {
    if (glob.indexOf('*') < 0) {
      return glob.equals(value);
    }
    StringBuilder regex = new StringBuilder();
    String[] parts = glob.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      if (!parts[i].isEmpty()) {
        regex.append(Pattern.quote(parts[i]));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
  }
}
