package io.orderledger.query.cluster;

import org.apache.kafka.streams.state.HostInfo;

/** Where a partner's request is answered. */
public sealed interface Route {

  /** From this instance's stores for the partition; {@code stale} when they are a standby or still restoring. */
  record Local(int partition, boolean stale) implements Route {
  }

  /** By the instance that holds the partition as active. */
  record Forward(HostInfo host) implements Route {
  }

  /** Nowhere right now (restoring or rebalancing without a standby here): 503 with Retry-After. */
  record Unavailable(String reason) implements Route {
  }
}
