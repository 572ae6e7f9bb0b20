package io.orderledger.query.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every /api/ request: who is calling ({@code X-API-KEY}, 401 without a known key), and whether it is within its
 * rate (429 with Retry-After otherwise). Permission checks (403) are per endpoint.
 */
public final class ApiAccessFilter extends OncePerRequestFilter {

  public static final String CLIENT_ATTRIBUTE = ApiClient.class.getName();
  public static final String KEY_ATTRIBUTE = ApiClient.class.getName() + ".key";

  private final ApiKeyRegistry keys;
  private final RateLimiter rateLimiter;

  public ApiAccessFilter(ApiKeyRegistry keys, RateLimiter rateLimiter) {
    this.keys = keys;
    this.rateLimiter = rateLimiter;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader("X-API-KEY");
    java.util.Enumeration<String> all = request.getHeaders("X-API-KEY");
    if (all != null && all.hasMoreElements() && all.nextElement() != null && all.hasMoreElements()) {
      // Two keys are no key: which partner is asking would depend on which header a proxy keeps.
      write(response, new ApiException(ApiError.UNAUTHORIZED, "More than one X-API-KEY header"));
      return;
    }
    Optional<ApiClient> client = keys.resolve(key);
    if (client.isEmpty()) {
      write(response, new ApiException(ApiError.UNAUTHORIZED,
          key == null || key.isEmpty() ? "Missing X-API-KEY header" : "Unknown API key"));
      return;
    }
    OptionalLong wait = rateLimiter.tryAcquire(client.get().keyId());
    if (wait.isPresent()) {
      write(response, new ApiException(ApiError.RATE_LIMITED, "Too many requests. Please try again later.", wait.getAsLong()));
      return;
    }
    request.setAttribute(CLIENT_ATTRIBUTE, client.get());
    request.setAttribute(KEY_ATTRIBUTE, key);
    chain.doFilter(request, response);
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
