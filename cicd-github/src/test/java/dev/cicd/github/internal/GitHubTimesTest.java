package dev.cicd.github.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GitHub's timestamps: the direct reading of the common UTC shapes agrees with the general ISO-8601 parser. */
class GitHubTimesTest {
  static Instant general(String text) {
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  @Test
  @DisplayName("seconds and milliseconds in UTC read as the general parser reads them, across leap years and eras")
  void directReadingAgrees() {
    Random random = new Random(20261127);
    for (int i = 0; i < 20_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L),
          random.nextInt(1_000) * 1_000_000L);
      String millis = DateTimeFormatter.ISO_INSTANT.format(instant);
      String seconds = DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
      if (millis.length() == 24) {
        assertThat(GitHubTimes.utc(millis)).as(millis).isEqualTo(general(millis));
      }
      assertThat(GitHubTimes.utc(seconds)).as(seconds).isEqualTo(general(seconds));
      assertThat(GitHubTimes.parse(seconds)).as(seconds)
          .isEqualTo(general(seconds).isAfter(Instant.EPOCH) ? general(seconds) : null);
    }
    assertThat(GitHubTimes.utc("2024-02-29T23:59:59.999Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z"));
    assertThat(GitHubTimes.utc("2021-08-05T10:26:08.000Z")).isEqualTo(Instant.parse("2021-08-05T10:26:08Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z", "2024-00-10T10:00:00Z",
      "2024-04-31T10:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T10:60:00Z", "2024-01-01T10:00:60Z",
      "2024-01-01T10:00:0xZ", "2024-01-01 10:00:00Z", "2024-01-01T10:00:00.00xZ", "+2024-01-01T10:00:00Z"})
  @DisplayName("an impossible or malformed value is left to the general parser, which rejects it as before")
  void invalidValuesAreRejected(String text) {
    assertThat(GitHubTimes.utc(text)).isNull();
    assertThatThrownBy(() -> GitHubTimes.parse(text)).isInstanceOf(DateTimeException.class);
  }

  @Test
  @DisplayName("offsets, other precisions, zero times and blanks take the general path")
  void otherShapes() {
    assertThat(GitHubTimes.utc("2020-01-20T09:42:40.000-08:00")).isNull();
    assertThat(GitHubTimes.parse("2020-01-20T09:42:40.000-08:00")).isEqualTo(Instant.parse("2020-01-20T17:42:40Z"));
    assertThat(GitHubTimes.parse("2020-01-20T09:42:40.123456Z")).isEqualTo(Instant.parse("2020-01-20T09:42:40.123456Z"));
    assertThat(GitHubTimes.parse("0001-01-01T00:00:00Z")).isNull();
    assertThat(GitHubTimes.parse("1970-01-01T00:00:00Z")).isNull();
    assertThat(GitHubTimes.parse(" ")).isNull();
    assertThat(GitHubTimes.parse(null)).isNull();
  }
}
