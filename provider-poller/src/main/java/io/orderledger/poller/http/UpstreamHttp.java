package io.orderledger.poller.http;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The poller's HTTP client for one source: the JDK's client (no redirects followed, timeouts on connect and read, a
 * maximum body size), wrapped in a Resilience4j retry (exponential backoff with jitter on timeouts, I/O errors and
 * 5xx; {@code Retry-After} honoured on 429) inside a circuit breaker per source, and an optional request budget per
 * source that every call shares.
 */
public final class UpstreamHttp {

  private final HttpClient client;
  private final ResilienceSettings settings;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private final RateLimiter budget;
  private final Consumer<UpstreamFailure> onFailure;

  /**
   * @param name      the source id: names the retry and the breaker in metrics
   * @param onFailure told about every failed attempt (retried or not), for metrics and logs
   */
  public UpstreamHttp(String name, ResilienceSettings settings, Consumer<UpstreamFailure> onFailure) {
    this(name, settings, onFailure, RetryRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults());
  }

  /** With the retry and breaker registered where metrics are bound ({@code resilience4j_retry_calls}, {@code resilience4j_circuitbreaker_state}). */
  public UpstreamHttp(String name, ResilienceSettings settings, Consumer<UpstreamFailure> onFailure, RetryRegistry retries,
                      CircuitBreakerRegistry breakers) {
    this.settings = settings;
    this.onFailure = onFailure;
    this.client = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5, settings.maxBackoff());
    this.retry = retries.retry(name, RetryConfig.<UpstreamResponse>custom()
        .maxAttempts(settings.maxAttempts())
        .retryOnException(e -> e instanceof UpstreamFailure failure && failure.kind().retriable())
        .intervalBiFunction((Integer attempt, Either<Throwable, UpstreamResponse> outcome) -> waitBefore(attempt, outcome, backoff))
        .failAfterMaxAttempts(true)
        .build());
    this.breaker = breakers.circuitBreaker(name, CircuitBreakerConfig.custom()
        .failureRateThreshold(settings.breakerFailureRate())
        .slidingWindowSize(settings.breakerWindow())
        .minimumNumberOfCalls(Math.min(20, settings.breakerWindow()))
        .waitDurationInOpenState(settings.breakerOpenFor())
        .permittedNumberOfCallsInHalfOpenState(3)
        // A client error says nothing about the source's health; timeouts, I/O errors and 5xx do.
        .recordException(e -> e instanceof UpstreamFailure failure && failure.kind().retriable())
        .build());
    this.budget = settings.maxRequestsPerSecond() <= 0 ? null : RateLimiter.of(name, RateLimiterConfig.custom()
        .limitForPeriod(settings.maxRequestsPerSecond())
        .limitRefreshPeriod(Duration.ofSeconds(1))
        .timeoutDuration(settings.requestTimeout())
        .build());
  }

  public Retry retry() {
    return retry;
  }

  /**
   * GETs a URL. Each attempt goes through the breaker; the retry wraps them.
   *
   * @param acceptNotFound whether a 404 is an answer (some APIs say "nothing matches" that way) rather than a failure
   * @throws UpstreamFailure when every attempt failed, the failure is not worth retrying, or the circuit is open
   */
  public UpstreamResponse get(URI uri, Map<String, String> headers, boolean acceptNotFound) {
    try {
      return Retry.decorateCheckedSupplier(retry, () -> {
        try {
          return breaker.executeCheckedSupplier(() -> attempt(uri, headers, acceptNotFound));
        } catch (CallNotPermittedException e) {
          throw report(new UpstreamFailure(UpstreamFailure.Kind.CIRCUIT_OPEN, 0, -1, "circuit open for " + uri.getHost(), e));
        }
      }).get();
    } catch (UpstreamFailure e) {
      throw e;
    } catch (Throwable e) {
      throw new UpstreamFailure(UpstreamFailure.Kind.IO, 0, -1, "unexpected failure calling " + uri + ": " + e, e);
    }
  }

  private UpstreamResponse attempt(URI uri, Map<String, String> headers, boolean acceptNotFound) {
    if (budget != null && !budget.acquirePermission()) {
      throw report(new UpstreamFailure(UpstreamFailure.Kind.TOO_MANY_REQUESTS, 0, -1,
          "the source's request budget (" + settings.maxRequestsPerSecond() + "/s) is spent", null));
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).GET()
        .header("Accept", "application/json");
    headers.forEach(request::header);
    HttpResponse<byte[]> response;
    // The request timeout covers the whole answer: the request's own timeout the headers, LimitedBody's deadline the
    // body (a source that stalls mid-body is a timeout too). send, not sendAsync: sendAsync hands every answer to
    // CompletableFuture's default executor, which on two cores (a common pool of one) starts a new thread per task:
    // 147,161 threads in one 100,000-order benchmark round.
    long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
    try {
      response = client.send(request.build(), new LimitedBody(settings.maxResponseBytes(), deadline));
    } catch (HttpTimeoutException e) {
      throw report(new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, 0, -1, "timeout calling " + uri, e));
    } catch (IOException e) {
      if (LimitedBody.tooLarge(e.getCause())) {
        throw report(new UpstreamFailure(UpstreamFailure.Kind.TOO_LARGE, 200, -1,
            "response from " + uri + " is too large: " + e.getCause().getMessage(), null));
      }
      if (LimitedBody.timedOut(e.getCause())) {
        throw report(new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, 0, -1, "timeout calling " + uri + " (the body stalled)", e));
      }
      throw report(new UpstreamFailure(UpstreamFailure.Kind.IO, 0, -1, "I/O error calling " + uri + ": " + e, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamFailure(UpstreamFailure.Kind.IO, 0, -1, "interrupted calling " + uri, e);
    }
    byte[] body = response.body();
    if (body == null) {
      throw report(new UpstreamFailure(UpstreamFailure.Kind.TOO_LARGE, response.statusCode(), -1,
          "response from " + uri + " declares more than " + settings.maxResponseBytes() + " bytes", null));
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300 || status == 404 && acceptNotFound) {
      return new UpstreamResponse(status, response.headers(), body);
    }
    if (status == 429) {
      long retryAfter = RetryAfter.millis(response.headers().firstValue("Retry-After").orElse(null));
      throw report(new UpstreamFailure(UpstreamFailure.Kind.TOO_MANY_REQUESTS, status, retryAfter, "429 from " + uri, null));
    }
    if (status >= 500) {
      throw report(new UpstreamFailure(UpstreamFailure.Kind.SERVER_ERROR, status, -1, status + " from " + uri, null));
    }
    if (status >= 300 && status < 400) {
      throw report(new UpstreamFailure(UpstreamFailure.Kind.REDIRECT, status, -1,
          status + " redirect from " + uri + " to " + response.headers().firstValue("Location").orElse("?") + " not followed", null));
    }
    throw report(new UpstreamFailure(UpstreamFailure.Kind.CLIENT_ERROR, status, -1, status + " from " + uri, null));
  }

  private long waitBefore(int attempt, Either<Throwable, UpstreamResponse> outcome, IntervalFunction backoff) {
    if (outcome.isLeft() && outcome.getLeft() instanceof UpstreamFailure failure && failure.retryAfterMillis() >= 0) {
      return Math.min(failure.retryAfterMillis(), settings.maxRetryAfter().toMillis());
    }
    return backoff.apply(attempt);
  }

  private UpstreamFailure report(UpstreamFailure failure) {
    onFailure.accept(failure);
    return failure;
  }

}
