package io.orderledger.poller.http;

import java.time.Duration;

/**
 * How patiently the poller talks to a source.
 *
 * @param connectTimeout     to open a connection
 * @param requestTimeout     for the whole answer
 * @param maxAttempts        per call, the first included
 * @param initialBackoff     before the first retry; doubled each time, with ±50% jitter
 * @param maxBackoff         the longest wait between attempts (a longer {@code Retry-After} is still honoured, up to maxRetryAfter)
 * @param maxRetryAfter      a {@code Retry-After} longer than this is capped: the next poll cycle will try again
 * @param maxResponseBytes   a larger body is refused, so a broken source cannot exhaust the heap
 * @param breakerFailureRate percentage of failed calls in the window that opens the circuit
 * @param breakerWindow      calls in the breaker's sliding window
 * @param breakerOpenFor     how long an open circuit refuses calls before letting a few through
 * @param maxRequestsPerSecond the source's request budget, listing pages and single-order calls together; 0 for none
 */
public record ResilienceSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
                                 Duration maxBackoff, Duration maxRetryAfter, int maxResponseBytes, float breakerFailureRate,
                                 int breakerWindow, Duration breakerOpenFor, int maxRequestsPerSecond) {

  public static ResilienceSettings defaults() {
    return new ResilienceSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 6, Duration.ofMillis(50),
        Duration.ofSeconds(5), Duration.ofSeconds(30), 16 * 1024 * 1024, 60f, 50, Duration.ofSeconds(5), 0);
  }
}
