package io.orderledger.query.api;

import io.orderledger.query.cluster.ForwardingSignature;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every /api/ request: who is calling, and whether it is within its rate. A client is an {@code X-API-KEY} (401
 * without a known one), or, for a request another instance of this service passed on, that instance's signature
 * ({@link ForwardingSignature}; a client that sends the header itself gets 400). Failed authentications are limited
 * per client address ({@link AuthFailureLimiter}: 429 with Retry-After, counted, logged without the key). A known key
 * over its rate gets 429 with Retry-After. Permission checks (403) are per endpoint.
 */
public final class ApiAccessFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(ApiAccessFilter.class);

  public static final String CLIENT_ATTRIBUTE = ApiClient.class.getName();
  /** Set (true) on a request another instance passed on: it is answered here, never passed on again. */
  public static final String FORWARDED_ATTRIBUTE = ApiClient.class.getName() + ".forwarded";

  private final ApiKeyRegistry keys;
  private final RateLimiter rateLimiter;
  private final AuthFailureLimiter failures;
  private final ForwardingSignature forwarding;
  private final Consumer<String> failureCounter;

  /**
   * @param forwarding the cluster's signature, or null when this instance runs alone (a forwarded request is then refused)
   * @param failureCounter told the reason of every failed authentication ({@code missing}, {@code unknown},
   *     {@code duplicate}, {@code forged-forwarding}, {@code blocked})
   */
  public ApiAccessFilter(ApiKeyRegistry keys, RateLimiter rateLimiter, AuthFailureLimiter failures, ForwardingSignature forwarding,
                         Consumer<String> failureCounter) {
    this.keys = keys;
    this.rateLimiter = rateLimiter;
    this.failures = failures;
    this.forwarding = forwarding;
    this.failureCounter = failureCounter;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    OptionalLong blocked = failures.blocked(address);
    if (blocked.isPresent()) {
      failureCounter.accept("blocked");
      write(response, new ApiException(ApiError.RATE_LIMITED, "Too many failed authentications from this address. Please try again later.",
          blocked.getAsLong()));
      return;
    }
    String forwarded = request.getHeader(ForwardingSignature.HEADER);
    if (forwarded != null) {
      String pathAndQuery = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
      Optional<ForwardingSignature.Caller> caller = forwarding == null ? Optional.empty()
          : forwarding.verify(forwarded, request.getMethod(), pathAndQuery);
      if (caller.isEmpty()) {
        fail(address, "forged-forwarding");
        write(response, new ApiException(ApiError.INVALID_REQUEST, ForwardingSignature.HEADER + " is for this service's own instances"));
        return;
      }
      request.setAttribute(CLIENT_ATTRIBUTE, new ApiClient(caller.get().partnerId(), caller.get().permissions(), "forwarded"));
      request.setAttribute(FORWARDED_ATTRIBUTE, Boolean.TRUE);
      chain.doFilter(request, response);
      return;
    }
    java.util.Enumeration<String> all = request.getHeaders("X-API-KEY");
    if (all != null && all.hasMoreElements() && all.nextElement() != null && all.hasMoreElements()) {
      // Two keys are no key: which partner is asking would depend on which header a proxy keeps.
      fail(address, "duplicate");
      write(response, new ApiException(ApiError.UNAUTHORIZED, "More than one X-API-KEY header"));
      return;
    }
    String key = request.getHeader("X-API-KEY");
    Optional<ApiClient> client = keys.resolve(key);
    if (client.isEmpty()) {
      boolean missing = key == null || key.isEmpty();
      fail(address, missing ? "missing" : "unknown");
      write(response, new ApiException(ApiError.UNAUTHORIZED, missing ? "Missing X-API-KEY header" : "Unknown API key"));
      return;
    }
    OptionalLong wait = rateLimiter.tryAcquire(client.get().keyId());
    if (wait.isPresent()) {
      write(response, new ApiException(ApiError.RATE_LIMITED, "Too many requests. Please try again later.", wait.getAsLong()));
      return;
    }
    request.setAttribute(CLIENT_ATTRIBUTE, client.get());
    chain.doFilter(request, response);
  }

  private void fail(String address, String reason) {
    failureCounter.accept(reason);
    if (failures.failed(address)) {
      // Said once per address as it runs out; the key it sent is never logged.
      log.warn("authentication failures from {} exhausted their allowance (last: {}): refused with 429 until it refills", address, reason);
    }
  }

  private static void write(HttpServletResponse response, ApiException e) throws IOException {
    response.setStatus(e.error().status().value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (e.retryAfterSeconds() != null) {
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
    }
    response.getOutputStream().write(ResponseBodies.error(e.error(), e.getMessage()));
  }
}
