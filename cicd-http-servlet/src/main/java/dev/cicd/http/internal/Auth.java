package dev.cicd.http.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Bearer-token authentication. Only SHA-256 digests of the tokens are kept, and digests are compared
 * with {@link MessageDigest#isEqual}, so comparison time does not depend on where a guess differs or
 * on its length. Tokens are read from the {@code Authorization} header only, never from the URL.
 * Tokens can be replaced at run time; the next request sees the new ones.
 */
public final class Auth {
  private static final String BEARER = "bearer ";

  private volatile Tokens tokens;
  private final ClientAddress clientAddress;

  private record Tokens(byte @Nullable [] read, byte @Nullable [] admin) {}

  public Auth(@Nullable String readToken, @Nullable String adminToken, ClientAddress clientAddress) {
    this.tokens = new Tokens(digestOrNull(readToken), digestOrNull(adminToken));
    this.clientAddress = clientAddress;
  }

  /** Replaces both tokens (null disables one); in effect for the next request. */
  public void replaceTokens(@Nullable String readToken, @Nullable String adminToken) {
    this.tokens = new Tokens(digestOrNull(readToken), digestOrNull(adminToken));
  }

  public boolean hasAdminToken() {
    return tokens.admin() != null;
  }

  /** Identifies the caller; never throws. A wrong or malformed token gives {@link Role#INVALID}. */
  public Principal identify(HttpServletRequest request) {
    String address = "ip:" + clientAddress.of(request);
    var headers = request.getHeaders("Authorization");
    if (headers == null || !headers.hasMoreElements()) {
      return new Principal(Role.ANONYMOUS, address);
    }
    String header = headers.nextElement();
    if (headers.hasMoreElements() || header.length() <= BEARER.length()
        || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return new Principal(Role.INVALID, address);
    }
    byte[] presented = digest(header.substring(BEARER.length()).trim());
    Tokens current = tokens;
    boolean admin = current.admin() != null && MessageDigest.isEqual(presented, current.admin());
    boolean read = current.read() != null && MessageDigest.isEqual(presented, current.read());
    if (admin || read) {
      String key = "token:" + HexFormat.of().formatHex(presented, 0, 12);
      return new Principal(admin ? Role.ADMIN : Role.READ, key);
    }
    return new Principal(Role.INVALID, address);
  }

  private static byte @Nullable [] digestOrNull(@Nullable String token) {
    return token == null ? null : digest(token);
  }

  static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
