package dev.cicd.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NegotiationTest {
  @Test
  @DisplayName("tickets are single-use, expire, and cannot be forged")
  void tickets() {
    MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
    Tickets tickets = new Tickets(clock, Duration.ofSeconds(60));
    String ticket = tickets.issue().ticket();
    assertThat(tickets.redeem(ticket)).isTrue();
    assertThat(tickets.redeem(ticket)).isFalse();

    String expiring = tickets.issue().ticket();
    clock.advance(Duration.ofSeconds(61));
    assertThat(tickets.redeem(expiring)).isFalse();

    String valid = tickets.issue().ticket();
    String[] parts = valid.split("\\.");
    String longer = parts[0] + "." + (Long.parseLong(parts[1]) + 3_600_000) + "." + parts[2] + "." + parts[3];
    assertThat(tickets.redeem(longer)).isFalse();
    assertThat(new Tickets(clock, Duration.ofSeconds(60)).redeem(valid)).isFalse();
    assertThat(tickets.redeem("garbage")).isFalse();
    assertThat(tickets.redeem(valid)).isTrue();
  }

  @Test
  @DisplayName("the rate limiter refills with the injected clock")
  void rateLimiter() {
    MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
    RateLimiter limiter = new RateLimiter(2, clock);
    limiter.acquire("a");
    limiter.acquire("a");
    limiter.acquire("b");
    try {
      limiter.acquire("a");
      throw new AssertionError("expected 429");
    } catch (HttpProblem e) {
      assertThat(e.status()).isEqualTo(429);
      assertThat(Long.parseLong(e.headers().get("Retry-After"))).isBetween(1L, 31L);
    }
    clock.advance(Duration.ofSeconds(30));
    limiter.acquire("a");
  }
}
