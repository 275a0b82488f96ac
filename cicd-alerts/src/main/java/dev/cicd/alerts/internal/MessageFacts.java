package dev.cicd.alerts.internal;

import dev.cicd.core.alert.Notification;
import dev.cicd.core.alert.NotificationItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The facts every channel shows, as unescaped plain strings (each channel escapes for its format):
 * state headline, scope, commit title, actor, duration and a link that passed the allow-list.
 */
public final class MessageFacts {
  /** Longest commit title shown. */
  public static final int TITLE_LIMIT = 300;
  /** Longest other value shown. */
  public static final int VALUE_LIMIT = 200;

  private MessageFacts() {}

  /** FIRING / STILL FIRING / RESOLVED / TEST. */
  public static String state(Notification n) {
    return switch (n.kind()) {
      case FIRING -> "FIRING";
      case REPEAT -> "STILL FIRING";
      case RESOLVED -> "RESOLVED";
      case TEST -> "TEST";
    };
  }

  /** The headline: state, then what and where. */
  public static String headline(Notification n) {
    NotificationItem lead = n.lead();
    String what = n.items().size() > 1 ? n.items().size() + " alerts in " + lead.repository()
        : lead.scopeLabel();
    return state(n) + ": " + Texts.truncate(what, VALUE_LIMIT) + " — " + Texts.truncate(lead.summary(), VALUE_LIMIT);
  }

  /** Label/value pairs for one item, leaving out unknown values. */
  public static List<String[]> fields(NotificationItem item) {
    List<String[]> fields = new ArrayList<>();
    fields.add(new String[] {"Repository", Texts.truncate(item.repository(), VALUE_LIMIT)});
    if (!item.workflow().isEmpty()) {
      fields.add(new String[] {"Workflow", Texts.truncate(item.workflow(), VALUE_LIMIT)});
    }
    if (!item.branch().isEmpty()) {
      fields.add(new String[] {"Branch", Texts.truncate(item.branch(), VALUE_LIMIT)});
    }
    if (item.commitTitle() != null) {
      String sha = item.commitSha() == null ? "" : " (" + Texts.truncate(item.commitSha(), 12).replace("…", "") + ")";
      fields.add(new String[] {"Commit", Texts.truncate(firstLine(item.commitTitle()), TITLE_LIMIT) + sha});
    }
    if (item.actor() != null) {
      fields.add(new String[] {"Actor", Texts.truncate(item.actor(), VALUE_LIMIT)});
    }
    if (item.durationMs() != null) {
      fields.add(new String[] {"Duration", duration(item.durationMs())});
    }
    fields.add(new String[] {"Rule", item.ruleId() + " (" + item.ruleType() + ")"});
    fields.add(new String[] {"Since", item.since().toString()});
    return fields;
  }

  /** The build link, only when it starts with an allowed prefix and has no characters that could break markup. */
  public static @Nullable String safeLink(@Nullable String url, List<String> allowedPrefixes) {
    if (url == null || url.length() > 2_000) {
      return null;
    }
    for (char c : url.toCharArray()) {
      if (Character.isWhitespace(c) || Character.isISOControl(c) || "<>|\"'`\\".indexOf(c) >= 0) {
        return null;
      }
    }
    return allowedPrefixes.stream().anyMatch(url::startsWith) ? url : null;
  }

  public static String duration(long ms) {
    Duration d = Duration.ofMillis(ms);
    if (d.toHours() > 0) {
      return String.format(Locale.ROOT, "%dh %dm", d.toHours(), d.toMinutesPart());
    }
    return d.toMinutes() > 0 ? String.format(Locale.ROOT, "%dm %ds", d.toMinutes(), d.toSecondsPart())
        : d.toSeconds() + "s";
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
