package io.orderledger.query.api;

import io.orderledger.query.cluster.Forwarder;
import io.orderledger.query.cluster.PartitionOwnership;
import io.orderledger.query.cluster.PartnerStores;
import io.orderledger.query.cluster.Route;
import io.orderledger.query.cluster.RoutingPolicy;
import io.orderledger.query.read.OrderReader;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Answers a partner's request wherever the partner's data is: here, on the instance that owns the partition
 * (forwarded once, transparently), on a standby here, or nowhere for now (503 with Retry-After, never a 500).
 */
public final class PartnerRequests {

  /** Which copy answered: {@code active}, {@code standby}, or the owner's answer passed through. */
  public static final String SERVED_BY_HEADER = "X-Served-By";

  /** The stores of the partner's partition on this instance. */
  public record LocalPartition(PartnerStores stores, int partition, boolean stale) {
    public OrderReader reader() {
      return stores.reader(partition, stale);
    }

    public ReadOnlyKeyValueStore<String, byte[]> wallets() {
      return stores.wallets(partition, stale);
    }
  }

  /** Produces the response body from the local stores; may throw {@link ApiException}. */
  @FunctionalInterface
  public interface LocalQuery {
    byte[] answer(LocalPartition partition);
  }

  private final PartnerStores stores;
  private final RoutingPolicy policy;
  private final Forwarder forwarder;

  public PartnerRequests(PartnerStores stores, RoutingPolicy policy, Forwarder forwarder) {
    this.stores = stores;
    this.policy = policy;
    this.forwarder = forwarder;
  }

  public ResponseEntity<byte[]> answer(HttpServletRequest request, ApiClient client, LocalQuery query) {
    boolean forwarded = request.getHeader(Forwarder.FORWARDED_HEADER) != null;
    PartitionOwnership ownership = stores.ownership(client.partnerId());
    Route route = policy.route(ownership, forwarded);

    if (route instanceof Route.Forward forward) {
      String pathAndQuery = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
      Optional<Forwarder.Answer> answer = forwarder.forward(forward.host(), pathAndQuery, (String) request.getAttribute(ApiAccessFilter.KEY_ATTRIBUTE));
      if (answer.isPresent()) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.get().status()).contentType(MediaType.APPLICATION_JSON)
            .header(HttpHeaders.CACHE_CONTROL, "no-store").header(SERVED_BY_HEADER, "forwarded:" + forward.host().host() + ":" + forward.host().port());
        answer.get().retryAfter().ifPresent(seconds -> builder.header(HttpHeaders.RETRY_AFTER, seconds));
        return builder.body(answer.get().body());
      }
      route = policy.activeUnreachable(ownership);
    }
    if (route instanceof Route.Local local) {
      try {
        return served(query.answer(new LocalPartition(stores, local.partition(), local.stale())), local.stale());
      } catch (InvalidStateStoreException movedOrRestoring) {
        // The partition left this instance, or is restoring, between the lookup and the read.
        Route fallback = policy.activeUnreachable(ownership);
        if (!local.stale() && fallback instanceof Route.Local standby) {
          try {
            return served(query.answer(new LocalPartition(stores, standby.partition(), true)), true);
          } catch (InvalidStateStoreException stillNot) {
            throw unavailable("the partner's data is being restored");
          }
        }
        throw unavailable("the partner's data is being restored or moved");
      }
    }
    throw unavailable(((Route.Unavailable) route).reason());
  }

  private static ResponseEntity<byte[]> served(byte[] body, boolean stale) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header(SERVED_BY_HEADER, stale ? "standby" : "active").body(body);
  }

  private static ApiException unavailable(String reason) {
    return new ApiException(ApiError.UNAVAILABLE, "Temporarily unavailable: " + reason + ". Retry shortly.", 1L);
  }
}
