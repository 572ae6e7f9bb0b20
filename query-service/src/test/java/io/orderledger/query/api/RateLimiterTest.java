package io.orderledger.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void allowsTheBurstThenAsksToWaitPerKey() {
    RateLimiter limiter = new RateLimiter(1, 3);

    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("k1")).isEmpty();
    }
    assertThat(limiter.tryAcquire("k1").getAsLong()).isBetween(1L, 2L);
    assertThat(limiter.tryAcquire("k2")).as("another key has its own bucket").isEmpty();
  }

  @Test
  void unlimitedNeverRefusesAndLimitsMustBeSane() {
    RateLimiter unlimited = RateLimiter.unlimited();
    for (int i = 0; i < 10_000; i++) {
      assertThat(unlimited.tryAcquire("k")).isEmpty();
    }
    assertThatThrownBy(() -> new RateLimiter(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(Long.MAX_VALUE, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
