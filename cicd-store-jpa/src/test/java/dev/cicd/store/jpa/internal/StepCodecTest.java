package dev.cicd.store.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepCodecTest {
  static final Instant T = Instant.parse("2026-03-01T10:00:00.123456789Z");

  @Test
  @DisplayName("the documented form: fields separated by ';', absent values empty, the name length-prefixed")
  void documentedForm() {
    assertThat(StepCodec.encode(List.of(
        new Step(1, "Set up job", BuildStatus.COMPLETED, Conclusion.SUCCESS, Instant.ofEpochSecond(0, 1000),
            Instant.ofEpochSecond(0, 2000)),
        new Step(2, "a;b:c", BuildStatus.QUEUED, null, null, null))))
        .isEqualTo("1;completed;success;1000;2000;10:Set up job2;queued;;;;5:a;b:c");
    assertThat(StepCodec.encode(List.of())).isEmpty();
    assertThat(StepCodec.decode("")).isEmpty();
  }

  @Test
  @DisplayName("every status, conclusion, time and name (separators, digits, surrogate pairs, 1,000 chars) round-trips")
  void roundTrips() {
    Random random = new Random(42);
    String[] names = {"x", "12:34", ";;;", "::", "\uD83D\uDE80 deploy", "\u202Eevil", "line\nbreak", "n".repeat(1000),
        "9;queued;;;;1:x"};
    for (int round = 0; round < 200; round++) {
      List<Step> steps = new ArrayList<>();
      for (int i = 0, n = random.nextInt(6); i < n; i++) {
        BuildStatus status = BuildStatus.values()[random.nextInt(BuildStatus.values().length)];
        Conclusion conclusion = random.nextBoolean() ? null
            : Conclusion.values()[random.nextInt(Conclusion.values().length)];
        steps.add(new Step(random.nextInt(2001) - 1000, names[random.nextInt(names.length)], status, conclusion,
            random.nextBoolean() ? null : T.plusNanos(random.nextLong(1L << 50)),
            random.nextBoolean() ? null : T.minusSeconds(random.nextInt(1 << 30))));
      }
      assertThat(StepCodec.decode(StepCodec.encode(steps))).as("round %d", round).isEqualTo(steps);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1;completed;success;1;2;10:short", "x;queued;;;;1:a", "1;sleeping;;;;1:a",
      "1;completed;won;;;1:a", "1;queued;;;;-1:a", "1;queued;;;", "1;queued;;noon;;1:a"})
  @DisplayName("text not in the form is refused with a message naming the problem")
  void malformedRefused(String text) {
    assertThatThrownBy(() -> StepCodec.decode(text)).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Malformed steps column in the database (step 1): ");
  }
}
