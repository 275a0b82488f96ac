package dev.cicd.alerts.smtp;

import dev.cicd.core.alert.AlertSink;
import dev.cicd.core.alert.AlertSinkHealth;
import dev.cicd.core.alert.DeliveryAttemptResult;
import dev.cicd.core.alert.Notification;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications as e-mail over SMTP: {@code multipart/alternative} with text first and HTML
 * last, a stable Message-ID per notification and {@code In-Reply-To}/{@code References} to the alert's
 * earlier messages. A recipient rejected with 4xx is retried (only that recipient); 5xx is permanent for
 * that recipient only. Connection problems are retried; authentication failures and a server without
 * the required STARTTLS are permanent and mark the channel broken.
 */
public final class SmtpAlertSink implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpAlertSink.class);
  private static final int REMEMBERED = 1_000;

  private final SmtpConfig config;
  private final Clock clock;
  private final Session session;
  private final MailContent content;
  private final String protocol;
  /** Recipients still owed a notification after a partial delivery, by notification key. */
  private final Map<String, Set<String>> remaining = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
          return size() > REMEMBERED;
        }
      });
  private volatile @Nullable AlertSinkHealth broken;

  public SmtpAlertSink(SmtpConfig config) {
    this(config, Clock.systemUTC());
  }

  public SmtpAlertSink(SmtpConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.protocol = config.security() == SmtpConfig.Security.SMTPS ? "smtps" : "smtp";
    this.session = Session.getInstance(SmtpSessions.properties(config, protocol));
    this.content = new MailContent(config);
  }

  @Override
  public String id() {
    return config.id();
  }

  @Override
  public String type() {
    return "smtp";
  }

  @Override
  public DeliveryAttemptResult send(Notification notification) {
    Set<String> recipients = remaining.getOrDefault(notification.key(), new LinkedHashSet<>(config.to()));
    try {
      ThreadedMimeMessage message = compose(notification, recipients);
      try (Transport transport = session.getTransport(protocol)) {
        transport.connect(config.host(), config.port(), config.username(), config.password());
        transport.sendMessage(message, message.getAllRecipients());
      }
      remaining.remove(notification.key());
      broken = null;
      return DeliveryAttemptResult.delivered();
    } catch (AuthenticationFailedException e) {
      return brokenBy("authentication failed: " + SmtpFailures.text(e));
    } catch (MessagingException e) {
      SmtpFailures.Outcome outcome = SmtpFailures.classify(e, recipients);
      if (outcome.startTlsMissing()) {
        return brokenBy("the server does not offer STARTTLS, which is required; nothing was sent");
      }
      if (!outcome.retry().isEmpty()) {
        remaining.put(notification.key(), new LinkedHashSet<>(outcome.retry()));
        LOG.warn("SMTP channel {} will retry {} for {}: {}", id(), outcome.retry(), notification.key(),
            outcome.reason());
        return DeliveryAttemptResult.retryLater(null, outcome.reason());
      }
      remaining.remove(notification.key());
      if (outcome.delivered()) {
        return DeliveryAttemptResult.delivered("rejected permanently: " + outcome.reason());
      }
      return DeliveryAttemptResult.permanent(outcome.reason());
    }
  }

  private DeliveryAttemptResult brokenBy(String reason) {
    broken = new AlertSinkHealth(id(), type(), AlertSinkHealth.Status.BROKEN, reason, clock.instant());
    LOG.warn("SMTP channel {} is broken: {}", id(), reason);
    return DeliveryAttemptResult.permanent(reason);
  }

  private ThreadedMimeMessage compose(Notification n, Set<String> recipients) throws MessagingException {
    ThreadedMimeMessage message = new ThreadedMimeMessage(session, content.messageId(n.key()));
    message.setFrom(new InternetAddress(config.from()));
    List<Address> to = recipients.stream().map(SmtpAlertSink::address).toList();
    message.setRecipients(Message.RecipientType.TO, to.toArray(new Address[0]));
    message.setSubject(content.subject(n), "UTF-8");
    message.setSentDate(Date.from(clock.instant()));
    if (n.previousKey() != null) {
      message.setHeader("In-Reply-To", content.messageId(n.previousKey()));
    }
    String references = content.references(n);
    if (references != null) {
      message.setHeader("References", references);
    }
    message.setHeader("X-CICD-Notification-Key", content.messageId(n.key()));
    MimeBodyPart text = new MimeBodyPart();
    text.setText(content.text(n), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(content.html(n), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    return message;
  }

  private static Address address(String value) {
    try {
      return new InternetAddress(value, true);
    } catch (MessagingException e) {
      throw new IllegalStateException("validated address became invalid: " + value, e);
    }
  }

  @Override
  public AlertSinkHealth health() {
    AlertSinkHealth b = broken;
    return b != null ? b : AlertSinkHealth.ok(id(), type());
  }

  @Override
  public String toString() {
    return "SmtpAlertSink[" + config + "]";
  }
}
