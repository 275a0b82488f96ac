package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IgnoredAndPingWebhookTest {
  private final GitHubWebhookReceiver receiver = Fixtures.receiver();

  @ParameterizedTest(name = "{0}/{1} is ignored with action {2}")
  @CsvSource({
      "check_run, completed.json, completed",
      "check_run, completed.1.json, completed",
      "check_run, completed.2.json, completed",
      "check_run, created.json, created",
      "check_run, created.1.json, created",
      "check_run, requested_action.json, requested_action",
      "check_run, rerequested.json, rerequested",
      "check_run, rerequested.1.json, rerequested",
      "check_suite, completed.json, completed",
      "check_suite, completed.1.json, completed",
      "check_suite, completed.2.json, completed",
      "check_suite, requested.json, requested",
      "check_suite, requested.1.json, requested",
      "check_suite, requested.2.json, requested",
      "check_suite, rerequested.json, rerequested",
      "check_suite, rerequested.1.json, rerequested",
      "deployment, created.json, created",
      "deployment, created.1.json, created",
      "deployment, created.2.json, created",
      "push, none.json, ",
      "push, none.1.json, "})
  void ignored(String event, String file, String action) {
    WebhookDelivery delivery = receiver.receive(Fixtures.webhook(event, file));
    assertThat(delivery.kind()).isEqualTo(WebhookKind.IGNORED);
    assertThat(delivery.eventType()).isEqualTo(event);
    assertThat(delivery.action()).isEqualTo(action);
    assertThat(delivery.events()).isEmpty();
    assertThat(delivery.problem()).isNull();
    assertThat(receiver.ignoredDeliveries()).containsEntry(event, 1L);
  }

  @ParameterizedTest(name = "ping/{0} is a ping with nothing to ingest")
  @CsvSource({"none.json", "none.1.json", "none.2.json"})
  void ping(String file) {
    WebhookDelivery delivery = receiver.receive(Fixtures.webhook("ping", file));
    assertThat(delivery.kind()).isEqualTo(WebhookKind.PING);
    assertThat(delivery.eventType()).isEqualTo("ping");
    assertThat(delivery.action()).isNull();
    assertThat(delivery.events()).isEmpty();
    assertThat(receiver.ignoredCount()).isZero();
  }

  @Test
  @DisplayName("an event this library never heard of (star) is acknowledged as ignored and counted")
  void unknownEvent() {
    WebhookDelivery delivery = receiver.receive(Fixtures.signed("star", "{\"action\": \"created\", \"starred_at\": null}"));
    assertThat(delivery.kind()).isEqualTo(WebhookKind.IGNORED);
    assertThat(delivery.action()).isEqualTo("created");
    receiver.receive(Fixtures.signed("star", "{\"action\": \"deleted\"}"));
    assertThat(receiver.ignoredDeliveries()).containsEntry("star", 2L);
  }

  @Test
  @DisplayName("the ignored counter is bounded: attacker-chosen event names cannot grow it without limit")
  void boundedCounter() {
    for (int i = 0; i < 200; i++) {
      receiver.receive(Fixtures.signed("event" + i, "{}"));
    }
    assertThat(receiver.ignoredDeliveries()).hasSizeLessThanOrEqualTo(GitHubWebhookReceiver.MAX_COUNTED_EVENTS + 1);
    assertThat(receiver.ignoredCount()).isEqualTo(200);
  }
}
