package dev.cicd.benchmarks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cicd.alerts.slack.SlackAlertSink;
import dev.cicd.alerts.slack.SlackConfig;
import dev.cicd.alerts.smtp.SmtpAlertSink;
import dev.cicd.alerts.smtp.SmtpConfig;
import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertDispatcher;
import dev.cicd.core.alert.AlertEngine;
import dev.cicd.core.alert.EveryFailureRule;
import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.core.alert.RuleScope;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.store.jpa.JpaBuildStore;
import dev.cicd.store.jpa.alert.JpaAlertStore;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RELIABILITY §6.8/§6.9 with the real AlertEngine, AlertDispatcher, SlackAlertSink and SmtpAlertSink on
 * the JPA build store and the SQL alert store (H2 file), in real time: SMTP (GreenMail) is down for the outage and then started again on the
 * same port; Slack (MockWebServer) answers 500 for the first half of the outage and 429 with
 * {@code Retry-After: 2} for the second (at least two of each, however slow the machine). Every notification must then be delivered exactly once per
 * channel. The outage is {@code -Dcicd.faults.outage} (ISO-8601, default PT10S; the {@code faults}
 * profile uses PT60S) with the dispatcher's backoff shortened through its builder (1 s doubling to 5 s).
 */
class AlertOutageTest {
  private static final Logger LOG = LoggerFactory.getLogger(AlertOutageTest.class);
  private static final int FAILURES = 5;
  private static final Duration OUTAGE = Duration.parse(System.getProperty("cicd.faults.outage", "PT10S"));

  private final MockWebServer slack = new MockWebServer();
  private final List<Answered> slackRequests = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closers = new ArrayList<>();

  @TempDir
  Path temp;

  private record Answered(int status, String body) {}

  @AfterEach
  void close() throws Exception {
    for (int i = closers.size() - 1; i >= 0; i--) {
      closers.get(i).close();
    }
    slack.close();
  }

  @Test
  @DisplayName("SMTP down, then Slack 500 and 429 Retry-After: each notification delivered exactly once after recovery")
  void everyNotificationOnceAfterOutage() throws Exception {
    AtomicLong outageStart = new AtomicLong(Long.MAX_VALUE);
    AtomicInteger served500 = new AtomicInteger();
    AtomicInteger served429 = new AtomicInteger();
    slack.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        long elapsed = Math.max(0, System.nanoTime() - outageStart.get());
        MockResponse response;
        if (served500.get() < 2 || elapsed < OUTAGE.toNanos() / 2) {
          served500.incrementAndGet();
          response = new MockResponse.Builder().code(500).body("internal_error").build();
        } else if (served429.get() < 2 || elapsed < OUTAGE.toNanos()) {
          served429.incrementAndGet();
          response = new MockResponse.Builder().code(429).setHeader("Retry-After", "2").body("rate_limited").build();
        } else {
          response = new MockResponse.Builder().code(200).body("ok").build();
        }
        slackRequests.add(new Answered(response.getCode(), request.getBody() == null ? "" : request.getBody().utf8()));
        return response;
      }
    });
    slack.start();
    int smtpPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      smtpPort = socket.getLocalPort();
    }
    ServerSetup smtpSetup = new ServerSetup(smtpPort, "127.0.0.1", "smtp");
    GreenMail down = new GreenMail(smtpSetup);
    down.start();
    down.stop();

    JpaBuildStore builds = JpaBuildStore.h2(temp.resolve("h2"));
    closers.add(builds);
    AlertStore alerts = JpaAlertStore.sharing(builds);
    AlertEngine engine = AlertEngine.builder().buildStore(builds).alertStore(alerts).channels(List.of("slack", "email"))
        .config(AlertConfig.of(List.of(new EveryFailureRule("every-failure", RuleScope.allBranches(), List.of())))
            .withGroupWait(Duration.ZERO))
        .build();
    IngestionService ingestion = IngestionService.create(builds);
    ingestion.addListener(engine);
    AlertDispatcher dispatcher = AlertDispatcher.builder().store(alerts)
        .sink(new SlackAlertSink(SlackConfig.builder().id("slack").webhookUrl(slack.url("/services/T0/B0/x").toString())
            .minInterval(Duration.ofMillis(100)).callTimeout(Duration.ofSeconds(2)).build()))
        .sink(new SmtpAlertSink(SmtpConfig.builder().id("email").host("127.0.0.1").port(smtpPort)
            .security(SmtpConfig.Security.NONE).credentials("ci", "s3cret").from("ci@example.com")
            .to("dev@example.com").connectTimeout(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(3)).build()))
        .pollInterval(Duration.ofMillis(200)).initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(5))
        .build();
    closers.add(dispatcher);
    dispatcher.start();

    long started = System.nanoTime();
    outageStart.set(started);
    for (int i = 0; i < FAILURES; i++) {
      Instant now = Instant.now();
      ingestion.ingest(RunUpdate.builder(BuildId.github("octo/api", 500 + i)).workflowName("workflow-" + i)
          .runNumber(i + 1).branch("main").commitSha("sha-" + i).event("push").attempt(1)
          .status(BuildStatus.COMPLETED).conclusion(Conclusion.FAILURE).createdAt(now.minusSeconds(120))
          .startedAt(now.minusSeconds(100)).updatedAt(now).completedAt(now).build());
    }
    List<OutboxEntry> outbox = alerts.outbox(null, 100);
    assertThat(outbox).hasSize(2 * FAILURES);

    long restartAt = started + OUTAGE.toNanos();
    sleepUntil(restartAt - Duration.ofSeconds(1).toNanos());
    assertThat(alerts.outbox(OutboxStatus.SENT, 100)).as("nothing can be delivered during the outage").isEmpty();
    sleepUntil(restartAt);
    GreenMail smtp = new GreenMail(smtpSetup);
    smtp.setUser("ci@example.com", "ci", "s3cret");
    smtp.start();
    closers.add(smtp::stop);

    awaitAllSent(alerts, Duration.ofSeconds(30).plus(OUTAGE));
    LOG.info("Outage {}: all {} notifications sent {} ms after SMTP came back; attempts per row {}; Slack answers {}",
        OUTAGE, outbox.size(), (System.nanoTime() - restartAt) / 1_000_000,
        alerts.outbox(null, 100).stream().map(e -> e.channelId() + "=" + e.attempts()).toList(),
        slackRequests.stream().map(Answered::status).toList());
    Thread.sleep(3_000);
    assertThat(alerts.outbox(null, 100)).allSatisfy(e -> assertThat(e.status()).isEqualTo(OutboxStatus.SENT));
    for (OutboxEntry entry : alerts.outbox(null, 100)) {
      if (entry.channelId().equals("slack")) {
        assertThat(slackRequests.stream().filter(r -> r.status() == 200 && r.body().contains(entry.key())).count())
            .as("Slack messages accepted for %s", entry.key()).isEqualTo(1);
      }
    }
    assertThat(slackRequests).as("Slack was tried during the outage").anyMatch(r -> r.status() == 500)
        .anyMatch(r -> r.status() == 429);
    MimeMessage[] mails = smtp.getReceivedMessages();
    Map<String, Long> byMessageId = countBy(mails);
    assertThat(mails).hasSize(FAILURES);
    assertThat(byMessageId).hasSize(FAILURES).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    for (OutboxEntry entry : alerts.outbox(null, 100)) {
      if (entry.channelId().equals("email")) {
        assertThat(byMessageId.keySet()).anyMatch(id -> id.contains(entry.key()));
      }
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long millis = (nanoTime - System.nanoTime()) / 1_000_000;
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  private static Map<String, Long> countBy(MimeMessage[] mails) throws Exception {
    Map<String, Long> counts = new ConcurrentHashMap<>();
    for (MimeMessage mail : mails) {
      counts.merge(mail.getMessageID(), 1L, Long::sum);
    }
    return counts;
  }

  private static void awaitAllSent(AlertStore alerts, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (alerts.outbox(OutboxStatus.PENDING, 100).isEmpty()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("still pending after " + patience + ": " + alerts.outbox(OutboxStatus.PENDING, 100)
        .stream().collect(Collectors.toMap(OutboxEntry::key, Function.identity())).keySet());
  }
}
