package dev.cicd.examples.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What the tests post as GitHub does: the real fixture payloads and their signature header. */
public final class GitHubWebhooks {
  private GitHubWebhooks() {}

  /** The bytes of {@code src/test/resources/github/webhooks/<path>}. */
  public static byte[] fixture(String path) {
    try (InputStream in = GitHubWebhooks.class.getResourceAsStream("/github/webhooks/" + path)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code X-Hub-Signature-256} value of {@code body}: {@code sha256=} and the hex HMAC-SHA256. */
  public static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
