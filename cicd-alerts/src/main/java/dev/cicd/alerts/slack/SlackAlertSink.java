package dev.cicd.alerts.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.alert.AlertSink;
import dev.cicd.core.alert.AlertSinkHealth;
import dev.cicd.core.alert.DeliveryAttemptResult;
import dev.cicd.core.alert.Notification;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notifications to a Slack incoming webhook. Paces messages to the configured minimum interval,
 * answers 429 with the server's {@code Retry-After}, retries 5xx and network errors, and treats 400
 * (after one text-only attempt) and 403/404/410 as permanent; the last three mark the channel
 * {@linkplain AlertSinkHealth.Status#BROKEN broken}. The webhook URL never appears in logs, results or
 * health.
 */
public final class SlackAlertSink implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(SlackAlertSink.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Set<Integer> GONE = Set.of(403, 404, 410);

  private final SlackConfig config;
  private final Clock clock;
  private final OkHttpClient http;
  private final SlackMessages messages;
  private final ObjectMapper json = new ObjectMapper();
  private final Pacer pacer;
  private volatile @Nullable AlertSinkHealth broken;

  public SlackAlertSink(SlackConfig config) {
    this(config, Clock.systemUTC());
  }

  public SlackAlertSink(SlackConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.http = new OkHttpClient.Builder().connectTimeout(config.connectTimeout()).readTimeout(config.callTimeout())
        .callTimeout(config.callTimeout()).followRedirects(false).build();
    this.messages = new SlackMessages(json, config);
    this.pacer = new Pacer(config.minInterval());
  }

  @Override
  public String id() {
    return config.id();
  }

  @Override
  public String type() {
    return "slack";
  }

  @Override
  public DeliveryAttemptResult send(Notification notification) {
    if (!pacer.await()) {
      return DeliveryAttemptResult.retryLater(Duration.ZERO, "interrupted while pacing");
    }
    DeliveryAttemptResult result = post(messages.blocks(notification), notification);
    if (result instanceof DeliveryAttemptResult.Permanent p && p.reason().startsWith("HTTP 400")) {
      LOG.warn("Slack channel {} rejected the blocks of {} ({}); trying text only", id(), notification.key(),
          p.reason());
      DeliveryAttemptResult fallback = post(messages.textOnly(notification), notification);
      if (fallback instanceof DeliveryAttemptResult.Delivered) {
        return DeliveryAttemptResult.delivered("blocks rejected (" + p.reason() + "); delivered as text only");
      }
      return fallback;
    }
    if (result instanceof DeliveryAttemptResult.Delivered) {
      broken = null;
    }
    return result;
  }

  private DeliveryAttemptResult post(ObjectNode body, Notification notification) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      return DeliveryAttemptResult.permanent("could not write the message: " + e.getOriginalMessage());
    }
    Request request = new Request.Builder().url(config.webhookUrl()).post(RequestBody.create(bytes, JSON))
        .header("User-Agent", "cicd-dashboard").build();
    try (Response response = http.newCall(request).execute()) {
      return classify(response, notification);
    } catch (IOException e) {
      return DeliveryAttemptResult.retryLater(null, "network error: " + e.getClass().getSimpleName());
    }
  }

  private DeliveryAttemptResult classify(Response response, Notification notification) throws IOException {
    int code = response.code();
    if (response.isSuccessful()) {
      LOG.debug("Slack channel {} delivered {}", id(), notification.key());
      return DeliveryAttemptResult.delivered();
    }
    String reason = "HTTP " + code + errorText(response.body());
    if (code == 429) {
      return DeliveryAttemptResult.retryLater(retryAfter(response.header("Retry-After")), reason);
    }
    if (code >= 500) {
      return DeliveryAttemptResult.retryLater(null, reason);
    }
    if (GONE.contains(code)) {
      broken = new AlertSinkHealth(id(), type(), AlertSinkHealth.Status.BROKEN,
          "webhook rejected: " + reason + "; check the webhook configuration", clock.instant());
      LOG.warn("Slack channel {} is broken: {} (webhook {})", id(), reason, config.maskedUrl());
    }
    return DeliveryAttemptResult.permanent(reason);
  }

  /** A short, single-line, secret-free excerpt of Slack's error body, such as {@code channel_not_found}. */
  private String errorText(@Nullable ResponseBody body) throws IOException {
    if (body == null) {
      return "";
    }
    String text = body.source().readUtf8(Math.min(200, Math.max(0, body.contentLength() < 0 ? 200 : body.contentLength())))
        .replace(config.webhookUrl(), "[webhook]").replaceAll("[\\p{Cntrl}]", " ").trim();
    return text.isEmpty() ? "" : ": " + text;
  }

  static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 3_600));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public AlertSinkHealth health() {
    AlertSinkHealth b = broken;
    return b != null ? b : AlertSinkHealth.ok(id(), type());
  }

  @Override
  public String toString() {
    return "SlackAlertSink[" + config + "]";
  }
}
