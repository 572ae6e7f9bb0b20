package io.orderledger.query.api;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed authentications per client address (Bucket4j): each failure takes a token, and an address with none left is
 * refused with 429 before its key is even looked at, so guessing keys from one address goes no faster than the refill,
 * and a right guess while refused is still refused. Per instance; the addresses seen are bounded.
 */
public final class AuthFailureLimiter {

  private static final int MAX_ADDRESSES = 100_000;

  private final long perMinute;
  private final long burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public AuthFailureLimiter(long perMinute, long burst) {
    if (perMinute < 1 || burst < 1) {
      throw new IllegalArgumentException("query.auth-failures: per-minute and burst must be positive");
    }
    this.perMinute = perMinute;
    this.burst = burst;
  }

  /** Empty when the address may try; otherwise how many seconds it must wait (at least 1). */
  public OptionalLong blocked(String address) {
    Bucket bucket = buckets.get(address);
    if (bucket == null) {
      return OptionalLong.empty();
    }
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    return probe.canBeConsumed() ? OptionalLong.empty()
        : OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
  }

  /** A failed attempt from the address; true when it has now used up what it may fail. */
  public boolean failed(String address) {
    if (buckets.size() >= MAX_ADDRESSES) {
      buckets.clear(); // a flood from very many addresses: start counting afresh rather than grow without bound
    }
    Bucket bucket = buckets.computeIfAbsent(address, a -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
    bucket.tryConsume(1);
    return bucket.getAvailableTokens() <= 0;
  }
}
