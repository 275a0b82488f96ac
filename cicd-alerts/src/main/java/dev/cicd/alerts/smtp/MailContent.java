package dev.cicd.alerts.smtp;

import dev.cicd.alerts.internal.MessageFacts;
import dev.cicd.alerts.internal.Texts;
import dev.cicd.core.alert.Notification;
import dev.cicd.core.alert.NotificationItem;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The subject, text and HTML bodies of a notification e-mail: the same facts in both parts. */
final class MailContent {
  private final SmtpConfig config;

  MailContent(SmtpConfig config) {
    this.config = config;
  }

  /** Stable per alert (clients thread by subject too); the state is the first line of the body. */
  String subject(Notification n) {
    NotificationItem lead = n.lead();
    String what = n.kind() == dev.cicd.core.alert.NotificationKind.TEST ? "test notification"
        : n.items().size() > 1 && lead.commitSha() != null
            ? lead.repository() + " @ " + Texts.truncate(lead.commitSha(), 8).replace("…", "") : lead.scopeLabel();
    String prefix = config.subjectPrefix().isEmpty() ? "" : config.subjectPrefix() + " ";
    return Texts.truncate(Texts.oneLine(prefix + what), 200);
  }

  String text(Notification n) {
    StringBuilder out = new StringBuilder(MessageFacts.headline(n)).append("\n");
    for (NotificationItem item : n.items()) {
      out.append("\n").append(item.scopeLabel()).append(": ").append(Texts.truncate(item.summary(), 1_000)).append('\n');
      for (String[] field : MessageFacts.fields(item)) {
        out.append(field[0]).append(": ").append(field[1]).append('\n');
      }
      String link = link(item);
      if (link != null) {
        out.append("Run: ").append(link).append('\n');
      }
    }
    return out.append("\n-- \nNotification key: ").append(n.key()).append('\n').toString();
  }

  String html(Notification n) {
    StringBuilder out = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
        .append("<h2>").append(Texts.html(MessageFacts.headline(n))).append("</h2>");
    for (NotificationItem item : n.items()) {
      out.append("<h3>").append(Texts.html(item.scopeLabel())).append("</h3><p>")
          .append(Texts.html(Texts.truncate(item.summary(), 1_000))).append("</p><table>");
      for (String[] field : MessageFacts.fields(item)) {
        out.append("<tr><th align=\"left\">").append(Texts.html(field[0])).append("</th><td>")
            .append(Texts.html(field[1])).append("</td></tr>");
      }
      out.append("</table>");
      String link = link(item);
      if (link != null) {
        out.append("<p><a href=\"").append(Texts.html(link)).append("\">View run</a></p>");
      }
    }
    return out.append("<p style=\"color:#666\">Notification key: ").append(Texts.html(n.key()))
        .append("</p></body></html>").toString();
  }

  private @Nullable String link(NotificationItem item) {
    return MessageFacts.safeLink(item.buildUrl(), config.linkPrefixes());
  }

  /** {@code <key@domain>}; keys are made of letters, digits, {@code . - _}, anything else is replaced. */
  String messageId(String key) {
    return "<" + key.replaceAll("[^A-Za-z0-9._-]", "_") + "@" + config.messageIdDomain() + ">";
  }

  /** {@code References}: the thread root and the parent (trimmed to those two, root kept). */
  @Nullable String references(Notification n) {
    List<String> refs = new java.util.ArrayList<>();
    if (n.threadRootKey() != null) {
      refs.add(messageId(n.threadRootKey()));
    }
    if (n.previousKey() != null && !n.previousKey().equals(n.threadRootKey())) {
      refs.add(messageId(n.previousKey()));
    }
    return refs.isEmpty() ? null : String.join(" ", refs);
  }
}
