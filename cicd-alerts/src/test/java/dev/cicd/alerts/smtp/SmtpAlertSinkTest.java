package dev.cicd.alerts.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cicd.alerts.Notifications;
import dev.cicd.core.alert.AlertDispatcher;
import dev.cicd.core.alert.AlertSinkHealth;
import dev.cicd.core.alert.DeliveryAttemptResult;
import dev.cicd.core.alert.InMemoryAlertStore;
import dev.cicd.core.alert.NotificationKind;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.core.testing.MutableClock;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The e-mail channel against GreenMail as a real SMTP server (RELIABILITY §6.9 M1, M5, M6; §6.6 X1, X5). */
class SmtpAlertSinkTest {
  private final MutableClock clock = MutableClock.at("2025-03-10T10:00:00Z");
  private int port;
  private GreenMail greenMail;
  private SmtpConfig config;

  @BeforeEach
  void start() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
    greenMail.setUser("ci@example.com", "ci", "s3cret");
    greenMail.start();
    config = SmtpConfig.builder().host("127.0.0.1").port(port).security(SmtpConfig.Security.NONE)
        .credentials("ci", "s3cret").from("ci@example.com").to("dev@example.com", "ops@example.com")
        .connectTimeout(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  private static String messageId(NotificationKind kind, int seq) {
    return "<" + Notifications.key(kind, seq, "email") + "@example.com>";
  }

  @Test
  @DisplayName("M5/X1/X5: multipart/alternative, text then HTML with the same facts, escaped HTML, clean encoded subject")
  void structure() throws Exception {
    var item = Notifications.item(NotificationKind.FIRING, "Déploiement ✓\r\nBcc: evil@attacker.example",
        "<script>alert(1)</script>", "Fix \"quotes\" & <b>tags</b>", "https://github.com/octo/api/actions/runs/42");
    var result = new SmtpAlertSink(config, clock).send(Notifications.notice(NotificationKind.FIRING, 0, "email", item));
    assertThat(result).isEqualTo(DeliveryAttemptResult.delivered());

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage m = received[0];
    assertThat(m.getHeader("Subject")[0]).startsWith("=?UTF-8?");
    assertThat(m.getSubject()).isEqualTo("[ci] octo/api/Déploiement ✓  Bcc: evil@attacker.example@<script>alert(1)</script>");
    assertThat(m.getHeader("Bcc")).isNull();
    assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("dev@example.com", "ops@example.com");
    assertThat(m.getMessageID()).isEqualTo(messageId(NotificationKind.FIRING, 0));
    assertThat(m.getHeader("In-Reply-To")).isNull();

    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getCount()).isEqualTo(2);
    BodyPart text = parts.getBodyPart(0);
    BodyPart html = parts.getBodyPart(1);
    assertThat(text.getContentType()).startsWith("text/plain");
    assertThat(html.getContentType()).startsWith("text/html");
    String plain = (String) text.getContent();
    String markup = (String) html.getContent();
    assertThat(plain).startsWith("FIRING: ").contains("<script>alert(1)</script>")
        .contains("Fix \"quotes\" & <b>tags</b>").contains("octocat").contains("4m 5s")
        .contains("https://github.com/octo/api/actions/runs/42");
    assertThat(markup).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("Fix &quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;").contains("octocat").contains("4m 5s")
        .contains("href=\"https://github.com/octo/api/actions/runs/42\"");
  }

  @Test
  @DisplayName("M6: firing, reminder and resolved mails have unique stable ids and thread to the first one")
  void threading() throws Exception {
    SmtpAlertSink sink = new SmtpAlertSink(config, clock);
    sink.send(Notifications.notice(NotificationKind.FIRING, 0, "email", null));
    sink.send(Notifications.notice(NotificationKind.REPEAT, 1, "email", null));
    sink.send(Notifications.notice(NotificationKind.RESOLVED, 2, "email", null));
    MimeMessage[] all = greenMail.getReceivedMessages();
    assertThat(all).as("two recipients each").hasSize(6);
    String firing = messageId(NotificationKind.FIRING, 0);
    String repeat = messageId(NotificationKind.REPEAT, 1);
    String resolved = messageId(NotificationKind.RESOLVED, 2);
    java.util.Map<String, MimeMessage> byId = new java.util.HashMap<>();
    for (MimeMessage m : all) {
      byId.put(m.getMessageID(), m);
    }
    assertThat(byId.keySet()).containsExactlyInAnyOrder(firing, repeat, resolved);
    MimeMessage[] received = {byId.get(firing), byId.get(repeat), byId.get(resolved)};
    assertThat(received[0].getHeader("In-Reply-To")).isNull();
    assertThat(received[1].getHeader("In-Reply-To")).containsExactly(firing);
    assertThat(received[1].getHeader("References")).containsExactly(firing);
    assertThat(received[2].getHeader("In-Reply-To")).containsExactly(repeat);
    assertThat(received[2].getHeader("References")).containsExactly(firing + " " + repeat);
    assertThat(received).extracting(MimeMessage::getSubject).containsOnly("[ci] octo/api/CI@main");
    assertThat(((MimeMultipart) received[2].getContent()).getBodyPart(0).getContent().toString())
        .startsWith("RESOLVED: ");
  }

  @Test
  @DisplayName("M1: server down during delivery, then up: stays in the outbox and is delivered exactly once")
  void serverDownThenUp() {
    greenMail.stop();
    InMemoryAlertStore store = new InMemoryAlertStore();
    Notifications.enqueue(store, "email", clock.instant());
    AlertDispatcher dispatcher = AlertDispatcher.builder().store(store).sink(new SmtpAlertSink(config, clock))
        .clock(clock).initialBackoff(Duration.ofSeconds(10)).build();
    dispatcher.runOnce();
    assertThat(store.outbox(null, 1).get(0).status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(store.outbox(null, 1).get(0).lastError()).isNotBlank();

    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
    greenMail.setUser("ci@example.com", "ci", "s3cret");
    greenMail.start();
    dispatcher.runOnce();
    assertThat(greenMail.getReceivedMessages()).as("backing off").isEmpty();
    clock.advance(Duration.ofSeconds(10));
    dispatcher.runOnce();
    clock.advance(Duration.ofMinutes(10));
    dispatcher.runOnce();
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).as("one copy per recipient, once").hasSize(2);
    assertThat(received).extracting(MimeMessage::getMessageID).containsOnly(messageId(NotificationKind.FIRING, 0));
    assertThat(store.outbox(null, 1).get(0).status()).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  @DisplayName("a wrong password is permanent and marks the channel broken without showing the password")
  void authenticationFailure() {
    SmtpConfig wrong = SmtpConfig.builder().host("127.0.0.1").port(port).security(SmtpConfig.Security.NONE)
        .credentials("ci", "wrong-password").from("ci@example.com").to("dev@example.com").build();
    SmtpAlertSink sink = new SmtpAlertSink(wrong, clock);
    var result = sink.send(Notifications.notice(NotificationKind.FIRING, 0, "email", null));
    assertThat(result).isInstanceOf(DeliveryAttemptResult.Permanent.class);
    assertThat(sink.health().status()).isEqualTo(AlertSinkHealth.Status.BROKEN);
    assertThat(sink.health().detail()).doesNotContain("wrong-password");
    assertThat(wrong.toString()).doesNotContain("wrong-password").contains("password=***");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  @DisplayName("M4: STARTTLS required but not offered fails closed: nothing is sent, channel broken")
  void startTlsRequired() {
    SmtpConfig tls = SmtpConfig.builder().host("127.0.0.1").port(port).security(SmtpConfig.Security.STARTTLS)
        .credentials("ci", "s3cret").from("ci@example.com").to("dev@example.com").build();
    SmtpAlertSink sink = new SmtpAlertSink(tls, clock);
    var result = sink.send(Notifications.notice(NotificationKind.FIRING, 0, "email", null));
    assertThat(result).isInstanceOf(DeliveryAttemptResult.Permanent.class);
    assertThat(sink.health().status()).isEqualTo(AlertSinkHealth.Status.BROKEN);
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }
}
