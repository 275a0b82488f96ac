package dev.cicd.alerts.smtp;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Settings of an e-mail channel. Immutable; {@link #toString()} masks the password.
 *
 * @param security how the connection is protected; {@link Security#STARTTLS} fails closed when the
 *     server does not offer STARTTLS
 * @param username null for no authentication
 * @param messageIdDomain right-hand side of generated Message-IDs (default: the sender's domain)
 * @param sslTrust hosts whose certificates are trusted without validation ({@code *} for all); null to
 *     validate normally. For tests and private CAs only.
 */
public record SmtpConfig(String id, String host, int port, Security security, @Nullable String username,
    @Nullable String password, String from, List<String> to, String messageIdDomain, String subjectPrefix,
    Duration connectTimeout, Duration timeout, List<String> linkPrefixes, @Nullable String sslTrust) {
  /** Connection security. */
  public enum Security { NONE, STARTTLS, SMTPS }

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public SmtpConfig {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id must match " + ID + ", but was '" + id + "'");
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is required for the SMTP channel: call host(\"smtp.example.com\")");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, but was " + port);
    }
    Objects.requireNonNull(security, "security");
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("username and password must be set together, but only "
          + (username == null ? "password" : "username") + " was set");
    }
    requireAddress("from", from);
    to = List.copyOf(to);
    if (to.isEmpty()) {
      throw new IllegalArgumentException("to must name at least one recipient, but was empty");
    }
    to.forEach(address -> requireAddress("to", address));
    if (messageIdDomain == null || !messageIdDomain.matches("[A-Za-z0-9.-]+")) {
      throw new IllegalArgumentException("messageIdDomain must be a host name, but was '" + messageIdDomain + "'");
    }
    subjectPrefix = subjectPrefix == null ? "" : subjectPrefix.replaceAll("[\\r\\n]", " ");
    positive("connectTimeout", connectTimeout);
    positive("timeout", timeout);
    linkPrefixes = List.copyOf(linkPrefixes);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "SmtpConfig[id=" + id + ", host=" + host + ", port=" + port + ", security=" + security + ", username="
        + username + ", password=" + (password == null ? "none" : "***") + ", from=" + from + ", to=" + to
        + ", messageIdDomain=" + messageIdDomain + "]";
  }

  private static void requireAddress(String name, @Nullable String value) {
    try {
      if (value == null) {
        throw new AddressException("missing");
      }
      new InternetAddress(value, true);
    } catch (AddressException e) {
      throw new IllegalArgumentException(name + " must be an e-mail address, but was '" + value + "'");
    }
  }

  private static void positive(String name, @Nullable Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
  }

  /** Builder; validation happens in {@link #build()}. */
  public static final class Builder {
    private String id = "email";
    private @Nullable String host;
    private int port = 587;
    private Security security = Security.STARTTLS;
    private @Nullable String username;
    private @Nullable String password;
    private @Nullable String from;
    private List<String> to = List.of();
    private @Nullable String messageIdDomain;
    private String subjectPrefix = "[ci]";
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration timeout = Duration.ofSeconds(30);
    private List<String> linkPrefixes = List.of("https://github.com/");
    private @Nullable String sslTrust;

    public Builder id(String value) { this.id = value; return this; }
    public Builder host(String value) { this.host = value; return this; }
    public Builder port(int value) { this.port = value; return this; }
    public Builder security(Security value) { this.security = value; return this; }
    public Builder credentials(String user, String pass) { this.username = user; this.password = pass; return this; }
    public Builder from(String value) { this.from = value; return this; }
    public Builder to(String... values) { this.to = List.of(values); return this; }
    public Builder to(List<String> values) { this.to = values; return this; }
    public Builder messageIdDomain(String value) { this.messageIdDomain = value; return this; }
    public Builder subjectPrefix(String value) { this.subjectPrefix = value; return this; }
    public Builder connectTimeout(Duration value) { this.connectTimeout = value; return this; }
    public Builder timeout(Duration value) { this.timeout = value; return this; }
    public Builder linkPrefixes(List<String> value) { this.linkPrefixes = value; return this; }
    public Builder sslTrust(@Nullable String value) { this.sslTrust = value; return this; }

    public SmtpConfig build() {
      String domain = messageIdDomain;
      if (domain == null && from != null && from.contains("@")) {
        domain = from.substring(from.lastIndexOf('@') + 1).replace(">", "").trim();
      }
      return new SmtpConfig(id, host, port, security, username, password, from, to, domain, subjectPrefix,
          connectTimeout, timeout, linkPrefixes, sslTrust);
    }

    @Override
    public String toString() {
      return "SmtpConfig.Builder[id=" + id + ", host=" + host + ", password=" + (password == null ? "none" : "***") + "]";
    }
  }
}
