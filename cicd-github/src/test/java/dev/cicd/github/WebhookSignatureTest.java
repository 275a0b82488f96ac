package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.source.InvalidWebhookSignatureException;
import dev.cicd.core.source.WebhookKind;
import dev.cicd.core.source.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {
  private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String DOCUMENTED =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  @DisplayName("GitHub's documented test vector signs and verifies")
  void documentedVector() {
    assertThat(WebhookSignature.sign("It's a Secret to Everybody", HELLO)).isEqualTo(DOCUMENTED);
    WebhookSignature signature = WebhookSignature.of(List.of("It's a Secret to Everybody"));
    signature.verify(List.of(DOCUMENTED), HELLO);
  }

  @Test
  @DisplayName("one instance verifies concurrently: every right body accepted and every wrong one refused")
  void concurrentVerification() throws Exception {
    WebhookSignature signature = WebhookSignature.of(List.of("first secret", "second secret"));
    int threads = 8;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          int correct = 0;
          for (int i = 0; i < 2_000; i++) {
            byte[] body = ("{\"thread\":" + thread + ",\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 300) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
            String header = WebhookSignature.sign(i % 2 == 0 ? "first secret" : "second secret", body);
            signature.verify(List.of(header), body);
            byte[] other = java.util.Arrays.copyOf(body, body.length + 1);
            try {
              signature.verify(List.of(header), other);
            } catch (InvalidWebhookSignatureException expected) {
              correct++;
            }
          }
          return correct;
        }));
      }
      for (java.util.concurrent.Future<Integer> result : results) {
        assertThat(result.get()).isEqualTo(2_000);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("a valid signature for a different body (one byte changed) is rejected")
  void oneByteChanged() {
    byte[] body = "Hello, World?".getBytes(StandardCharsets.UTF_8);
    WebhookSignature signature = WebhookSignature.of(List.of("It's a Secret to Everybody"));
    assertThatThrownBy(() -> signature.verify(List.of(DOCUMENTED), body))
        .isInstanceOf(InvalidWebhookSignatureException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void wrongSecretIsRejected() {
    WebhookSignature signature = WebhookSignature.of(List.of("another secret"));
    assertThatThrownBy(() -> signature.verify(List.of(DOCUMENTED), HELLO))
        .isInstanceOf(InvalidWebhookSignatureException.class);
  }

  @Test
  void missingHeaderIsRejected() {
    WebhookSignature signature = WebhookSignature.of(List.of("s"));
    assertThatThrownBy(() -> signature.verify(List.of(), HELLO))
        .isInstanceOf(InvalidWebhookSignatureException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void repeatedHeaderIsRejected() {
    WebhookSignature signature = WebhookSignature.of(List.of("It's a Secret to Everybody"));
    assertThatThrownBy(() -> signature.verify(List.of(DOCUMENTED, DOCUMENTED), HELLO))
        .isInstanceOf(InvalidWebhookSignatureException.class)
        .hasMessageContaining("more than once");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SHA256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17 ",
      " sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1",
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17aa",
      "sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
      "sha256=\u0663\u06637107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
      "sha1=757107ea0eb2509fc211221cce984b8a37570b6d",
      "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
      "sha256=",
      ""})
  @DisplayName("malformed signature headers are rejected, never an unexpected exception")
  void malformed(String header) {
    WebhookSignature signature = WebhookSignature.of(List.of("It's a Secret to Everybody"));
    assertThatThrownBy(() -> signature.verify(List.of(header), HELLO))
        .isExactlyInstanceOf(InvalidWebhookSignatureException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  @DisplayName("during a rotation both the old and the new secret are accepted, others are not")
  void rotation() {
    WebhookSignature signature = WebhookSignature.of(List.of("new-secret", "old-secret"));
    signature.verify(List.of(WebhookSignature.sign("new-secret", HELLO)), HELLO);
    signature.verify(List.of(WebhookSignature.sign("old-secret", HELLO)), HELLO);
    assertThatThrownBy(() -> signature.verify(List.of(WebhookSignature.sign("third", HELLO)), HELLO))
        .isInstanceOf(InvalidWebhookSignatureException.class);
  }

  @Test
  @DisplayName("with no secret configured every delivery is refused, even a correctly signed one")
  void failClosed() {
    GitHubWebhookReceiver receiver = new GitHubWebhookReceiver(GitHubConfig.builder().build());
    WebhookRequest request = Fixtures.webhook("ping", "none.json");
    assertThatThrownBy(() -> receiver.receive(request))
        .isInstanceOf(InvalidWebhookSignatureException.class)
        .hasMessageContaining("no GitHub webhook secret is configured");
  }

  @Test
  @DisplayName("a delivery with only the legacy SHA-1 header is rejected")
  void legacyOnly() {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("X-GitHub-Event", List.of("ping"));
    headers.put("X-Hub-Signature", List.of("sha1=0123456789012345678901234567890123456789"));
    WebhookRequest request = new WebhookRequest(headers, Fixtures.bytes("webhooks/ping/none.json"));
    assertThatThrownBy(() -> Fixtures.receiver().receive(request))
        .isInstanceOf(InvalidWebhookSignatureException.class)
        .hasMessageContaining("legacy SHA-1");
  }

  @Test
  @DisplayName("the signature covers the raw bytes: non-ASCII and odd whitespace verify, a re-serialisation would not")
  void rawBytes() {
    String body = "{ \"zen\" :  \"Ünïcödé 🚀 漢字\",\n\n \"hook_id\": 1 }";
    WebhookRequest request = Fixtures.signed("ping", body);
    assertThat(Fixtures.receiver().receive(request).kind()).isEqualTo(WebhookKind.PING);
  }

  @Test
  @DisplayName("the rejection message never contains the secret or the signature")
  void messageHasNoSecrets() {
    WebhookSignature signature = WebhookSignature.of(List.of("It's a Secret to Everybody"));
    String wrong = WebhookSignature.sign("x", HELLO);
    assertThatThrownBy(() -> signature.verify(List.of(wrong), HELLO))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Secret to Everybody", wrong.substring(7)));
    assertThat(signature.toString()).doesNotContain("Secret");
  }
}
