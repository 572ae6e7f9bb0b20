package io.orderledger.poller.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import io.orderledger.testing.seed.TestSeeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

  @Test
  void agreesWithTheJdkOnTenThousandRandomTimes() {
    SplittableRandom random = new SplittableRandom(TestSeeds.seed("Rfc3339Test", "poller.rfc3339.seed", 3339));
    for (int i = 0; i < 10_000; i++) {
      Instant instant = Instant.ofEpochMilli(random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L));
      if (random.nextBoolean()) {
        instant = Instant.ofEpochSecond(instant.getEpochSecond()); // the form without a fraction
      }
      String text = instant.toString();
      assertThat(Rfc3339.toEpochMilli(text)).as(text).isEqualTo(instant.toEpochMilli());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-01-15T10:30:00Z", "2024-01-15T10:30:00.5Z", "2024-01-15T10:30:00.123456789Z",
      "2024-01-15T12:30:00+02:00", "2024-03-31T23:59:59.999Z"})
  void readsTheFormsTheSeedsUse(String text) {
    assertThat(Rfc3339.toEpochMilli(text)).isEqualTo(OffsetDateTime.parse(text).toInstant().toEpochMilli());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-02-30T10:30:00Z", "2024-01-15T25:30:00Z", "2024-01-15T10:30:00.Z", "2024-0a-15T10:30:00Z",
      "yesterday", "2024-01-15 10:30:00Z"})
  void rejectsWhatIsNotAnRfc3339Time(String text) {
    assertThatThrownBy(() -> Rfc3339.toEpochMilli(text)).isInstanceOf(DateTimeException.class);
  }
}
