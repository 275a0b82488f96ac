package dev.cicd.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  @Test
  @DisplayName("CIDR ranges and addresses match IPv4 and IPv6 literals only")
  void ranges() {
    TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));
    assertThat(proxies.contains("10.255.1.2")).isTrue();
    assertThat(proxies.contains("11.0.0.1")).isFalse();
    assertThat(proxies.contains("192.168.1.7")).isTrue();
    assertThat(proxies.contains("192.168.1.8")).isFalse();
    assertThat(proxies.contains("fd12::1")).isTrue();
    assertThat(proxies.contains("fe80::1")).isFalse();
    assertThat(proxies.contains("localhost")).isFalse();
    assertThat(TrustedProxies.parseLiteral("evil.example.com")).isEmpty();
    assertThat(TrustedProxies.parseLiteral("999.1.1.1")).isEmpty();
    assertThat(TrustedProxies.isValid("10.0.0.0/7")).isTrue();
    assertThat(TrustedProxies.isValid("10.0.0.0/x")).isFalse();
  }
}
