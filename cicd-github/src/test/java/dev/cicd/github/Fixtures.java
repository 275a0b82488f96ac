package dev.cicd.github;

import dev.cicd.core.source.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures copied from ../shared/fixtures/github (see src/test/resources/github/README.md). */
final class Fixtures {
  static final String SECRET = "fixture-secret";

  private Fixtures() {}

  static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/github/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /** A delivery as GitHub sends it: JSON content type, event, ids and a valid signature. */
  static WebhookRequest signed(String event, byte[] body) {
    return signed(event, body, "72d3162e-cc78-11e3-81ab-4c9367dc0958");
  }

  static WebhookRequest signed(String event, byte[] body, String deliveryId) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    headers.put("X-GitHub-Event", List.of(event));
    headers.put("X-GitHub-Delivery", List.of(deliveryId));
    headers.put("X-GitHub-Hook-ID", List.of("292430182"));
    headers.put("User-Agent", List.of("GitHub-Hookshot/044aadd"));
    headers.put("X-Hub-Signature-256", List.of(WebhookSignature.sign(SECRET, body)));
    return new WebhookRequest(headers, body);
  }

  static WebhookRequest signed(String event, String body) {
    return signed(event, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The fixture webhooks/{event}/{file} as a signed delivery. */
  static WebhookRequest webhook(String event, String file) {
    return signed(event, bytes("webhooks/" + event + "/" + file));
  }

  static GitHubWebhookReceiver receiver() {
    return new GitHubWebhookReceiver(GitHubConfig.builder().webhookSecret(SECRET).build());
  }
}
