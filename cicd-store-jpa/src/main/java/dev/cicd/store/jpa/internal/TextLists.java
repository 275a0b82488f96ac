package dev.cicd.store.jpa.internal;

import java.util.ArrayList;
import java.util.List;

/** Small lists in one text column: labels as {@code <length>:<label>} pairs, pull requests as "1,2". */
public final class TextLists {
  private TextLists() {}

  public static String encodeStrings(List<String> values) {
    StringBuilder out = new StringBuilder();
    for (String value : values) {
      out.append(value.length()).append(':').append(value);
    }
    return out.toString();
  }

  public static List<String> decodeStrings(String text) {
    List<String> values = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int colon = text.indexOf(':', i);
      int length = Integer.parseInt(text, i, colon, 10);
      values.add(text.substring(colon + 1, colon + 1 + length));
      i = colon + 1 + length;
    }
    return values;
  }

  public static String encodeInts(List<Integer> values) {
    StringBuilder out = new StringBuilder();
    for (Integer value : values) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(value.intValue());
    }
    return out.toString();
  }

  public static List<Integer> decodeInts(String text) {
    List<Integer> values = new ArrayList<>();
    if (text.isEmpty()) {
      return values;
    }
    for (String part : text.split(",", -1)) {
      values.add(Integer.valueOf(part));
    }
    return values;
  }
}
