package dev.cicd.github;

import dev.cicd.core.source.InvalidWebhookSignatureException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * GitHub's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>}.
 * Verification runs over the exact bytes received, before anything is parsed, and compares with
 * {@link MessageDigest#isEqual} (constant time). One or two secrets may be active, so a secret can be
 * rotated without refusing deliveries. With no secret every delivery is refused (fail closed).
 * Thread-safe.
 */
public final class WebhookSignature {
  /** The header GitHub signs deliveries with. */
  public static final String HEADER = "X-Hub-Signature-256";
  /** The legacy SHA-1 header; never accepted on its own. */
  public static final String LEGACY_HEADER = "X-Hub-Signature";

  private static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";
  private static final int HEX_LENGTH = 64;

  private final List<Key> secrets;

  private WebhookSignature(List<Key> secrets) {
    this.secrets = secrets;
  }

  /** @param secrets zero (refuse everything), one, or two (rotation) non-empty secrets */
  public static WebhookSignature of(List<String> secrets) {
    Objects.requireNonNull(secrets, "secrets");
    if (secrets.size() > 2) {
      throw new IllegalArgumentException("at most 2 webhook secrets may be active, but " + secrets.size() + " were given");
    }
    List<Key> keys = new ArrayList<>();
    for (String secret : secrets) {
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("webhook secrets must not be empty");
      }
      keys.add(new Key(secret.getBytes(StandardCharsets.UTF_8)));
    }
    return new WebhookSignature(List.copyOf(keys));
  }

  /** True when at least one secret is configured; otherwise every delivery is refused. */
  public boolean isConfigured() {
    return !secrets.isEmpty();
  }

  /** The header value GitHub would send for {@code body} signed with {@code secret}. */
  public static String sign(String secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  /**
   * Verifies a signature header against the raw body.
   *
   * @param headerValues every value of {@value #HEADER} the request carried
   * @throws InvalidWebhookSignatureException when no secret is configured, or the header is missing,
   *     repeated, malformed or does not match any active secret; the message never contains the body,
   *     the secret or the signature
   */
  public void verify(List<String> headerValues, byte[] body) {
    if (secrets.isEmpty()) {
      throw new InvalidWebhookSignatureException(
          "no GitHub webhook secret is configured, so every delivery is refused; set webhookSecret");
    }
    if (headerValues.isEmpty()) {
      throw new InvalidWebhookSignatureException(HEADER + " header is missing");
    }
    if (headerValues.size() > 1) {
      throw new InvalidWebhookSignatureException(HEADER + " header was sent more than once");
    }
    byte[] provided = decode(headerValues.get(0));
    boolean matched = false;
    for (Key secret : secrets) {
      matched |= MessageDigest.isEqual(secret.hmac(body), provided);
    }
    if (!matched) {
      throw new InvalidWebhookSignatureException(HEADER + " does not match the body for any configured secret");
    }
  }

  private static byte[] decode(@Nullable String value) {
    if (value == null || !value.startsWith(PREFIX) || value.length() != PREFIX.length() + HEX_LENGTH) {
      throw new InvalidWebhookSignatureException(HEADER + " is malformed: expected 'sha256=' and 64 hex digits");
    }
    String hex = value.substring(PREFIX.length());
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      boolean isHex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!isHex) {
        throw new InvalidWebhookSignatureException(HEADER + " is malformed: expected 'sha256=' and 64 hex digits");
      }
    }
    return HexFormat.of().parseHex(hex);
  }

  private static byte[] hmac(byte[] secret, byte[] body) {
    return newMac(secret).doFinal(body);
  }

  private static Mac newMac(byte[] secret) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /**
   * A secret with a keyed {@link Mac} that is never used itself, only cloned: a clone per delivery skips the
   * provider lookup and key set-up of {@code Mac.getInstance} and {@code init}. A provider whose Mac cannot be
   * cloned gets a new one per delivery.
   */
  private static final class Key {
    private final byte[] secret;
    private final @Nullable Mac prototype;

    Key(byte[] secret) {
      this.secret = secret;
      Mac mac = newMac(secret);
      Mac cloneable;
      try {
        mac.clone();
        cloneable = mac;
      } catch (CloneNotSupportedException e) {
        cloneable = null;
      }
      this.prototype = cloneable;
    }

    byte[] hmac(byte[] body) {
      if (prototype != null) {
        try {
          return ((Mac) prototype.clone()).doFinal(body);
        } catch (CloneNotSupportedException e) {
          // checked in the constructor; fall through to a new Mac
        }
      }
      return WebhookSignature.hmac(secret, body);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[secrets=" + secrets.size() + " configured, values masked]";
  }
}
