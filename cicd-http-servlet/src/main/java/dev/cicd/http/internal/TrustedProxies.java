package dev.cicd.http.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Proxies whose {@code X-Forwarded-For} is trusted: IP addresses and CIDR ranges. Only IP literals are
 * parsed, never host names, so an attacker-supplied header cannot trigger a DNS lookup.
 */
public final class TrustedProxies {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

  private record Range(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Range> ranges;

  public TrustedProxies(List<String> specs) {
    this.ranges = specs.stream().map(s -> parseRange(s).orElseThrow(
        () -> new IllegalArgumentException("not an IP address or CIDR range: '" + s + "'"))).toList();
  }

  /** True for an IP literal or an IP/prefix CIDR range. */
  public static boolean isValid(String spec) {
    return parseRange(spec).isPresent();
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** True when {@code address} (an IP literal) is one of the trusted proxies. */
  public boolean contains(String address) {
    Optional<byte[]> bytes = parseLiteral(address);
    return bytes.isPresent() && ranges.stream().anyMatch(r -> r.contains(bytes.get()));
  }

  /** Parses an IP literal; empty for anything else (host names included). */
  public static Optional<byte[]> parseLiteral(String text) {
    String value = text.trim();
    if (value.startsWith("[") && value.endsWith("]")) {
      value = value.substring(1, value.length() - 1);
    }
    boolean v4 = IPV4.matcher(value).matches();
    boolean v6 = !v4 && value.indexOf(':') >= 0 && IPV6.matcher(value).matches();
    if (!v4 && !v6) {
      return Optional.empty();
    }
    if (v4) {
      for (String part : value.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return Optional.empty();
        }
      }
    }
    try {
      return Optional.of(InetAddress.getByName(value).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Optional<Range> parseRange(String spec) {
    int slash = spec.indexOf('/');
    Optional<byte[]> network = parseLiteral(slash < 0 ? spec : spec.substring(0, slash));
    if (network.isEmpty()) {
      return Optional.empty();
    }
    int bits = network.get().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = spec.substring(slash + 1);
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(p);
    }
    return Optional.of(new Range(network.get(), prefix));
  }
}
