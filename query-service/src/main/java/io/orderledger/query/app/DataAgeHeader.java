package io.orderledger.query.app;

import io.orderledger.events.progress.ProgressWatch;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@value #HEADER} on every API answer: the whole seconds since this instance last had read everything committed to its
 * inputs (0 when it has, within the last look; under a steady load, the time since the look before, when it has read
 * everything committed by then). A client that needs fresh data sees how stale an answer is instead of
 * getting a failure while the service cannot keep up or reach Kafka. Registered for {@code /api/*} only.
 */
final class DataAgeHeader extends OncePerRequestFilter {

  static final String HEADER = "X-Data-Age";

  private final ProgressWatch progress;

  DataAgeHeader(ProgressWatch progress) {
    this.progress = progress;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader(HEADER, String.valueOf(progress.current().dataAge().toSeconds()));
    chain.doFilter(request, response);
  }
}
