package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Seeded random damage to real payloads: the receiver always answers with a delivery, never an exception. */
class MutatedPayloadTest {
  private static final String[][] FIXTURES = {
      {"workflow_run", "completed.json"}, {"workflow_run", "requested.json"},
      {"workflow_job", "completed.json"}, {"workflow_job", "queued.1.json"},
      {"deployment_status", "created.2.json"}, {"ping", "none.json"}};
  private static final byte[][] INSERTS = {
      "{".getBytes(), "\"".getBytes(), "\\u0000".getBytes(), "null".getBytes(), "[".getBytes(), "99999999999999999999999".getBytes(),
      "\"x\":1,".getBytes(), "\\uD800".getBytes(), {(byte) 0xC3}, {(byte) 0xFF}};

  @Test
  @DisplayName("3,000 damaged but signed payloads: no exception escapes, every result has a kind")
  void noExceptionEscapes() {
    GitHubWebhookReceiver receiver = Fixtures.receiver();
    Random random = new Random(20240601L);
    Map<WebhookKind, Integer> kinds = new EnumMap<>(WebhookKind.class);
    for (int i = 0; i < 3000; i++) {
      String[] fixture = FIXTURES[i % FIXTURES.length];
      byte[] body = mutate(Fixtures.bytes("webhooks/" + fixture[0] + "/" + fixture[1]), random);
      assertThatCode(() -> {
        WebhookDelivery delivery = receiver.receive(Fixtures.signed(fixture[0], body));
        kinds.merge(delivery.kind(), 1, Integer::sum);
        if (delivery.kind() == WebhookKind.INVALID) {
          assertThat(delivery.problem()).isNotBlank().doesNotContain("\n");
        }
      }).doesNotThrowAnyException();
    }
    assertThat(kinds).containsKeys(WebhookKind.INVALID, WebhookKind.EVENTS);
  }

  private static byte[] mutate(byte[] original, Random random) {
    byte[] body = original;
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(body.length);
      switch (random.nextInt(4)) {
        case 0 -> body = Arrays.copyOf(body, at);
        case 1 -> {
          body = body.clone();
          body[at] = (byte) random.nextInt(256);
        }
        default -> {
          byte[] insert = INSERTS[random.nextInt(INSERTS.length)];
          byte[] grown = new byte[body.length + insert.length];
          System.arraycopy(body, 0, grown, 0, at);
          System.arraycopy(insert, 0, grown, at, insert.length);
          System.arraycopy(body, at, grown, at + insert.length, body.length - at);
          body = grown;
        }
      }
      if (body.length == 0) {
        return body;
      }
    }
    return body;
  }
}
