package dev.cicd.http.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The client's address for rate limiting. {@code X-Forwarded-For} counts only when the connection
 * comes from a trusted proxy; then the right-most address that is not itself a trusted proxy is the
 * client (entries to its left were written by the client and can be forged).
 */
public final class ClientAddress {
  private final TrustedProxies proxies;

  public ClientAddress(TrustedProxies proxies) {
    this.proxies = proxies;
  }

  public String of(HttpServletRequest request) {
    String remote = request.getRemoteAddr();
    if (proxies.isEmpty() || remote == null || !proxies.contains(remote)) {
      return remote == null ? "unknown" : remote;
    }
    List<String> hops = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (TrustedProxies.parseLiteral(hop).isEmpty()) {
        return remote;
      }
      if (!proxies.contains(hop)) {
        return hop;
      }
    }
    return remote;
  }
}
