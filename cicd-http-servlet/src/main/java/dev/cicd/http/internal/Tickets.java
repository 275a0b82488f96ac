package dev.cicd.http.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived, single-use tickets for the live-update stream, because a browser's EventSource cannot
 * send an Authorization header. A ticket is {@code v1.<expiry>.<nonce>.<hmac>}, signed with a random
 * key made at startup; it is not a token: it opens only {@code GET /api/events}, once, for a minute.
 * Tickets do not survive a restart and are not shared between instances.
 */
public final class Tickets {
  private final byte[] key = new byte[32];
  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> used = new ConcurrentHashMap<>();

  public Tickets(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
    random.nextBytes(key);
  }

  /** A new ticket and when it expires. */
  public Issued issue() {
    Instant expires = clock.instant().plus(ttl);
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    String payload = "v1." + expires.toEpochMilli() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    return new Issued(payload + "." + sign(payload), expires);
  }

  /** An issued ticket. */
  public record Issued(String ticket, Instant expiresAt) {}

  /** True when the ticket is ours, unexpired and not used before; marks it used. */
  public boolean redeem(String ticket) {
    Instant now = clock.instant();
    used.values().removeIf(expiry -> expiry.isBefore(now));
    String[] parts = ticket.split("\\.");
    if (parts.length != 4 || !parts[0].equals("v1") || !parts[1].matches("[0-9]{1,15}")) {
      return false;
    }
    String payload = parts[0] + "." + parts[1] + "." + parts[2];
    byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[3].getBytes(StandardCharsets.US_ASCII))) {
      return false;
    }
    Instant expires = Instant.ofEpochMilli(Long.parseLong(parts[1]));
    return !now.isAfter(expires) && used.putIfAbsent(parts[2], expires) == null;
  }

  private String sign(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
