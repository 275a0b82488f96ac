package dev.cicd.alerts.slack;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a Slack incoming-webhook channel. Immutable; {@link #toString()} masks the webhook URL,
 * which is a secret.
 *
 * @param id channel id receivers reference
 * @param minInterval least time between two messages to this webhook (Slack allows about 1/s)
 * @param linkPrefixes a build link is shown only when it starts with one of these
 * @param maxItems most alerts listed in one message (the rest are counted)
 */
public record SlackConfig(String id, String webhookUrl, Duration minInterval, Duration connectTimeout,
    Duration callTimeout, List<String> linkPrefixes, int maxItems) {
  public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
  public static final List<String> DEFAULT_LINK_PREFIXES = List.of("https://github.com/");
  public static final int DEFAULT_MAX_ITEMS = 20;
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public SlackConfig {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id must match " + ID + ", but was '" + id + "'");
    }
    HttpUrl url = webhookUrl == null ? null : HttpUrl.parse(webhookUrl);
    if (url == null) {
      throw new IllegalArgumentException("webhookUrl must be an http(s) URL such as https://hooks.slack.com/services/…"
          + (webhookUrl == null ? ", but was missing" : ", but was not a URL"));
    }
    if (minInterval == null || minInterval.isNegative()) {
      throw new IllegalArgumentException("minInterval must not be negative, but was " + minInterval);
    }
    positive("connectTimeout", connectTimeout);
    positive("callTimeout", callTimeout);
    linkPrefixes = List.copyOf(linkPrefixes);
    if (maxItems < 1 || maxItems > 40) {
      throw new IllegalArgumentException("maxItems must be between 1 and 40, but was " + maxItems);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().id(id).webhookUrl(webhookUrl).minInterval(minInterval).connectTimeout(connectTimeout)
        .callTimeout(callTimeout).linkPrefixes(linkPrefixes).maxItems(maxItems);
  }

  /** Scheme and host only: the path of a Slack webhook URL is its secret. */
  public String maskedUrl() {
    HttpUrl url = HttpUrl.get(webhookUrl);
    return url.scheme() + "://" + url.host() + "/***";
  }

  @Override
  public String toString() {
    return "SlackConfig[id=" + id + ", webhookUrl=" + maskedUrl() + ", minInterval=" + minInterval
        + ", connectTimeout=" + connectTimeout + ", callTimeout=" + callTimeout + ", linkPrefixes=" + linkPrefixes
        + ", maxItems=" + maxItems + "]";
  }

  private static void positive(String name, @Nullable Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
  }

  /** Builder; validation happens in {@link #build()}. */
  public static final class Builder {
    private String id = "slack";
    private @Nullable String webhookUrl;
    private Duration minInterval = DEFAULT_MIN_INTERVAL;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private List<String> linkPrefixes = DEFAULT_LINK_PREFIXES;
    private int maxItems = DEFAULT_MAX_ITEMS;

    public Builder id(String value) { this.id = value; return this; }
    public Builder webhookUrl(String value) { this.webhookUrl = value; return this; }
    public Builder minInterval(Duration value) { this.minInterval = value; return this; }
    public Builder connectTimeout(Duration value) { this.connectTimeout = value; return this; }
    public Builder callTimeout(Duration value) { this.callTimeout = value; return this; }
    public Builder linkPrefixes(List<String> value) { this.linkPrefixes = value; return this; }
    public Builder maxItems(int value) { this.maxItems = value; return this; }

    public SlackConfig build() {
      return new SlackConfig(id, webhookUrl, minInterval, connectTimeout, callTimeout, linkPrefixes, maxItems);
    }

    @Override
    public String toString() {
      return "SlackConfig.Builder[id=" + id + ", webhookUrl=" + (webhookUrl == null ? "unset" : "***") + "]";
    }
  }
}
