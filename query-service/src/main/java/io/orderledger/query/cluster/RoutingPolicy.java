package io.orderledger.query.cluster;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Decides who answers a partner's request. Pure, so every case is a unit test: the active instance answers;
 * another instance forwards to it once (a forwarded request is never forwarded again); while no active is known or
 * reachable, a standby answers if this instance is one and standby reads are allowed; otherwise nobody, and the
 * client is told to retry.
 */
public final class RoutingPolicy {

  private final HostInfo self;
  private final boolean standbyReads;

  /**
   * @param self this instance's {@code application.server}, or {@link HostInfo#unavailable()} when it runs alone
   * @param standbyReads answer from a standby replica (possibly slightly stale) rather than refuse
   */
  public RoutingPolicy(HostInfo self, boolean standbyReads) {
    this.self = self;
    this.standbyReads = standbyReads;
  }

  public Route route(PartitionOwnership ownership, boolean forwarded) {
    if (!ownership.running()) {
      return new Route.Unavailable("the query service is starting or stopping");
    }
    if (ownership.partition() < 0 || ownership.active() == null) {
      return standbyOrUnavailable(ownership, "the partition is being reassigned");
    }
    if (ownership.active().equals(self)) {
      // Includes an instance that runs alone: no application.server, both "unavailable" hosts.
      return new Route.Local(ownership.partition(), false);
    }
    if (!forwarded) {
      return new Route.Forward(ownership.active());
    }
    return standbyOrUnavailable(ownership, "the partition moved while the request was forwarded");
  }

  /** When the active instance could not be reached. */
  public Route activeUnreachable(PartitionOwnership ownership) {
    return standbyOrUnavailable(ownership, "the instance holding the partition did not answer");
  }

  /**
   * After forwarding, what answers: the owner's answer, unless it was a 503 (the owner is starting or restoring its
   * stores: a rolling restart) and a standby here can answer instead ({@link Route.Local}, stale).
   */
  public java.util.Optional<Route.Local> insteadOfOwnersAnswer(PartitionOwnership ownership, int ownersStatus) {
    if (ownersStatus == 503 && activeUnreachable(ownership) instanceof Route.Local standby) {
      return java.util.Optional.of(standby);
    }
    return java.util.Optional.empty();
  }

  private Route standbyOrUnavailable(PartitionOwnership ownership, String reason) {
    if (standbyReads && ownership.partition() >= 0 && ownership.standbys().contains(self)) {
      return new Route.Local(ownership.partition(), true);
    }
    return new Route.Unavailable(reason);
  }

  private static boolean isUnknown(HostInfo host) {
    return host.port() < 0;
  }

  /** True when there is only this instance: no application.server, nothing to forward to. */
  public boolean alone() {
    return isUnknown(self);
  }

  public HostInfo self() {
    return self;
  }
}
