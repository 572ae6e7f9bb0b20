package io.orderledger.query.cluster;

import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What the cluster knows about one partner's partition at one moment.
 *
 * @param running the local Kafka Streams instance is RUNNING or REBALANCING (it has started)
 * @param partition the partner's partition, or -1 when metadata is not available (a rebalance in progress)
 * @param active the instance holding it as active, or null when none is known
 * @param standbys instances holding a standby replica
 */
public record PartitionOwnership(boolean running, int partition, HostInfo active, Set<HostInfo> standbys) {
}
