package io.orderledger.query.api;

import io.orderledger.query.cluster.ForwardingSignature;
import io.orderledger.query.cluster.PartitionUnavailable;
import io.orderledger.query.cluster.PartnerRouter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The web side of answering a partner's request: the request as the router needs it, and the router's answer as an
 * HTTP response, {@code X-Served-By} saying whether it came from this instance's active copy, a standby or another
 * instance (never which one). A partition that nobody can serve right now is {@code 503 UNAVAILABLE} with
 * Retry-After.
 */
public final class PartnerAnswers {

  /** Which copy answered: {@code active}, {@code standby} or {@code forwarded}. */
  public static final String SERVED_BY_HEADER = "X-Served-By";

  private final PartnerRouter router;

  public PartnerAnswers(PartnerRouter router) {
    this.router = router;
  }

  public ResponseEntity<byte[]> answer(HttpServletRequest request, ApiClient client, PartnerRouter.LocalQuery query) {
    String pathAndQuery = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    PartnerRouter.Call call = new PartnerRouter.Call(new ForwardingSignature.Caller(client.partnerId(), client.permissions()), pathAndQuery,
        Boolean.TRUE.equals(request.getAttribute(ApiAccessFilter.FORWARDED_ATTRIBUTE)));
    PartnerRouter.Answer answer;
    try {
      answer = router.answer(call, query);
    } catch (PartitionUnavailable e) {
      throw new ApiException(ApiError.UNAVAILABLE, "Temporarily unavailable: " + e.getMessage() + ". Retry shortly.", 1L);
    }
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON)
        .header(SERVED_BY_HEADER, answer.servedBy().header());
    answer.retryAfter().ifPresent(seconds -> builder.header(HttpHeaders.RETRY_AFTER, seconds));
    return builder.body(answer.body());
  }
}
