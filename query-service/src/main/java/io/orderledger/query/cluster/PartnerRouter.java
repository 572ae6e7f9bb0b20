package io.orderledger.query.cluster;

import io.orderledger.query.read.PartnerData;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Answers a partner's request wherever the partner's data is: here, on the instance that owns the partition
 * (forwarded once, transparently), on a standby here, or nowhere for now ({@link PartitionUnavailable}: a 503 with
 * Retry-After, never a 500). Which it was is said in the answer, never where: internal addresses stay inside.
 */
public final class PartnerRouter {

  /** Who answered: this instance's active copy, its standby copy, or the instance it forwarded to. */
  public enum ServedBy {
    ACTIVE, STANDBY, FORWARDED;

    private final String header = name().toLowerCase(Locale.ROOT);

    public String header() {
      return header;
    }
  }

  /**
   * A request to answer.
   *
   * @param pathAndQuery as received, to forward unchanged
   * @param forwarded it was forwarded to this instance already: answer here or refuse, never forward again
   */
  public record Call(ForwardingSignature.Caller caller, String pathAndQuery, boolean forwarded) {

    public String partnerId() {
      return caller.partnerId();
    }
  }

  /** The answer: a body from this instance's stores (status 200), or the owner's answer passed through. */
  public record Answer(int status, byte[] body, Optional<String> retryAfter, ServedBy servedBy) {
  }

  /** Produces the response body from the partition's data; may throw the API's own exceptions, which pass through. */
  @FunctionalInterface
  public interface LocalQuery {
    byte[] answer(PartnerData data);
  }

  private final PartnerStores stores;
  private final RoutingPolicy policy;
  private final Forwarder forwarder;
  private final StandbyCatchUp standbys;
  private final java.time.Duration standbyCatchUpWait;

  /**
   * @param standbys whether a standby copy here may answer: only once it holds what its changelog held when the
   *     request arrived, waited for at most {@code standbyCatchUpWait}
   */
  public PartnerRouter(PartnerStores stores, RoutingPolicy policy, Forwarder forwarder, StandbyCatchUp standbys,
                       java.time.Duration standbyCatchUpWait) {
    this.stores = stores;
    this.policy = policy;
    this.forwarder = forwarder;
    this.standbys = standbys;
    this.standbyCatchUpWait = standbyCatchUpWait;
  }

  /** @throws PartitionUnavailable when no copy of the partner's data can answer now */
  public Answer answer(Call call, LocalQuery query) {
    PartitionOwnership ownership = stores.ownership(call.partnerId());
    Route route = policy.route(ownership, call.forwarded());

    if (route instanceof Route.Forward forward) {
      Optional<Forwarder.Answer> answer = forwarder.forward(forward.host(), call.pathAndQuery(), call.caller());
      if (answer.isEmpty()) {
        route = policy.activeUnreachable(ownership);
      } else {
        Optional<Route.Local> standby = policy.insteadOfOwnersAnswer(ownership, answer.get().status());
        if (standby.isEmpty()) {
          return new Answer(answer.get().status(), answer.get().body(), answer.get().retryAfter(), ServedBy.FORWARDED);
        }
        route = standby.get();
      }
    }
    if (route instanceof Route.Local local) {
      try {
        return local(query, local.partition(), local.stale());
      } catch (InvalidStateStoreException movedOrRestoring) {
        // The partition left this instance, or is restoring, between the lookup and the read.
        Route fallback = policy.activeUnreachable(ownership);
        if (!local.stale() && fallback instanceof Route.Local standby) {
          try {
            return local(query, standby.partition(), true);
          } catch (InvalidStateStoreException stillNot) {
            throw new PartitionUnavailable("the partner's data is being restored");
          }
        }
        throw new PartitionUnavailable("the partner's data is being restored or moved");
      }
    }
    throw new PartitionUnavailable(((Route.Unavailable) route).reason());
  }

  private Answer local(LocalQuery query, int partition, boolean stale) {
    if (stale && !standbys.awaitCaughtUp(partition, standbyCatchUpWait)) {
      // Behind what the active had shown: answering would take a client's orders back to states they had left.
      throw new PartitionUnavailable("the standby copy here is catching up with the partition's changelog");
    }
    return new Answer(200, query.answer(stores.data(partition, stale)), Optional.empty(), stale ? ServedBy.STANDBY : ServedBy.ACTIVE);
  }
}
