package io.orderledger.query.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every answer of the API port, set before anything else answers (errors included): {@code nosniff}, so
 * that no browser reads a JSON body as a script or a page; no referrer; and on the API ({@code /api/}) {@code no-store},
 * since every answer holds a partner's data, with a policy under which the JSON, opened as a page, runs and frames
 * nothing. The console's pages add their own Content-Security-Policy (scripts from this origin only).
 */
public final class SecurityHeaders extends OncePerRequestFilter {

  /** An error page (a method Tomcat refuses, an unknown route) is an answer too. */
  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    String path = request.getRequestURI();
    if (!path.startsWith("/console") && !path.startsWith("/webjars/")) {
      // The console's static files may be cached; nothing else: every other answer is a partner's data or an error.
      response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    if (path.startsWith("/api/")) {
      response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }
    chain.doFilter(request, response);
  }
}
