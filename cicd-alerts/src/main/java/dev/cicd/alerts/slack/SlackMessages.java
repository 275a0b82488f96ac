package dev.cicd.alerts.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.alerts.internal.MessageFacts;
import dev.cicd.alerts.internal.Texts;
import dev.cicd.core.alert.Notification;
import dev.cicd.core.alert.NotificationItem;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds the webhook body: a Block Kit message (header, one section per alert with fields, a context
 * line with the run link and the notification key) plus the {@code text} fallback. Every dynamic value
 * is escaped ({@code & < >}) and truncated; sections stay within 3,000 characters and messages within
 * 50 blocks.
 */
final class SlackMessages {
  static final int SECTION_LIMIT = 3_000;
  static final int FIELD_LIMIT = 2_000;
  static final int MAX_BLOCKS = 50;

  private final ObjectMapper json;
  private final SlackConfig config;

  SlackMessages(ObjectMapper json, SlackConfig config) {
    this.json = json;
    this.config = config;
  }

  /** The full Block Kit body. */
  ObjectNode blocks(Notification n) {
    ObjectNode body = json.createObjectNode();
    body.put("text", fallback(n));
    ArrayNode blocks = body.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", headerText(n));
    List<NotificationItem> items = n.items();
    int shown = Math.min(items.size(), Math.min(config.maxItems(), (MAX_BLOCKS - 2) / 2));
    for (int i = 0; i < shown; i++) {
      NotificationItem item = items.get(i);
      section(blocks.addObject(), item);
      context(blocks.addObject(), item, i == shown - 1 ? n.key() : null);
    }
    if (shown < items.size()) {
      context(blocks.addObject(), "…and " + (items.size() - shown) + " more alerts");
    }
    return body;
  }

  /** A minimal text-only body (used once when Slack rejects the blocks as invalid). */
  ObjectNode textOnly(Notification n) {
    return json.createObjectNode().put("text", fallback(n));
  }

  /** The notification text: escaped, one line per alert, capped. */
  String fallback(Notification n) {
    StringBuilder text = new StringBuilder(Texts.slack(MessageFacts.headline(n)));
    for (NotificationItem item : n.items().subList(1, Math.min(n.items().size(), config.maxItems()))) {
      text.append('\n').append("• ").append(Texts.slack(Texts.truncate(item.scopeLabel(), MessageFacts.VALUE_LIMIT)))
          .append(": ").append(Texts.slack(Texts.truncate(item.summary(), MessageFacts.VALUE_LIMIT)));
    }
    return Texts.truncateEscaped(text.toString(), SECTION_LIMIT);
  }

  private static String headerText(Notification n) {
    String count = n.items().size() > 1 ? " (" + n.items().size() + " alerts)" : "";
    return switch (n.kind()) {
      case FIRING -> "Firing" + count;
      case REPEAT -> "Still firing" + count;
      case RESOLVED -> "Resolved" + count;
      case TEST -> "Test notification";
    };
  }

  private void section(ObjectNode block, NotificationItem item) {
    block.put("type", "section");
    String text = "*" + Texts.slack(Texts.truncate(item.scopeLabel(), MessageFacts.VALUE_LIMIT)) + "*\n"
        + Texts.slack(Texts.truncate(item.summary(), 1_000));
    block.putObject("text").put("type", "mrkdwn").put("text", Texts.truncateEscaped(text, SECTION_LIMIT));
    ArrayNode fields = block.putArray("fields");
    for (String[] field : MessageFacts.fields(item)) {
      if (fields.size() == 10) {
        break;
      }
      String value = "*" + field[0] + "*\n" + Texts.slack(field[1]);
      fields.addObject().put("type", "mrkdwn").put("text", Texts.truncateEscaped(value, FIELD_LIMIT));
    }
  }

  private void context(ObjectNode block, NotificationItem item, @Nullable String key) {
    String link = MessageFacts.safeLink(item.buildUrl(), config.linkPrefixes());
    StringBuilder text = new StringBuilder();
    if (link != null) {
      text.append('<').append(Texts.slack(link)).append("|View run>  ");
    }
    if (key != null) {
      text.append("key ").append(Texts.slack(key));
    }
    context(block, text.length() == 0 ? "fingerprint " + item.fingerprint() : text.toString());
  }

  private static void context(ObjectNode block, String mrkdwn) {
    block.put("type", "context");
    block.putArray("elements").addObject().put("type", "mrkdwn").put("text", mrkdwn);
  }
}
