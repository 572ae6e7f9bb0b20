package io.orderledger.query.api;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per API key (Bucket4j): a sustained rate with room for bursts. Each instance limits on its own. */
public final class RateLimiter {

  private final long perSecond;
  private final long burst;
  private final boolean enabled;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(long perSecond, long burst) {
    if (perSecond < 1 || burst < 1 || perSecond > 1_000_000 || burst > 1_000_000) {
      throw new IllegalArgumentException("rate limits must be between 1 and 1,000,000 (per second and burst)");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.enabled = true;
  }

  private RateLimiter() {
    this.perSecond = 0;
    this.burst = 0;
    this.enabled = false;
  }

  /** No limit at all (benchmarks, trusted callers behind another limiter). */
  public static RateLimiter unlimited() {
    return new RateLimiter();
  }

  /** Empty when the request may go ahead; otherwise how many seconds to wait (at least 1). */
  public OptionalLong tryAcquire(String keyId) {
    if (!enabled) {
      return OptionalLong.empty();
    }
    Bucket bucket = buckets.computeIfAbsent(keyId, id -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
        .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
  }
}
