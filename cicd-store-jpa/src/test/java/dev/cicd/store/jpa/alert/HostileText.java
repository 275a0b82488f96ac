package dev.cicd.store.jpa.alert;

import java.util.List;

/** Untrusted strings that must come back from the database exactly as they went in. */
final class HostileText {
  static final String LONG = "x".repeat(4_990) + "🚀";

  static final List<String> VALUES = List.of(
      "feature/🚀-launch 🔥",
      "<script>alert(1)</script>",
      "\"><img src=x onerror=alert(1)>",
      "it's a \"quoted\" `tick`",
      "'; DROP TABLE cicd_alert_outbox; --",
      "back\\slash \\' \\\" %s %n ${prefix}",
      "100% _wild_ [card] *glob*",
      "tab\there\nnew line\r\ncrlf",
      "ünïcödé ☃ 日本語 עברית",
      "\u200b\u202e zero-width and RTL",
      "",
      LONG);

  private HostileText() {}

  static String pick(int i) {
    return VALUES.get(Math.floorMod(i, VALUES.size()));
  }
}
