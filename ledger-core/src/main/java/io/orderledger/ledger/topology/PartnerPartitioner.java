package io.orderledger.ledger.topology;

import io.orderledger.events.OrderView;
import io.orderledger.events.topic.OrderKey;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Sends an order view to its partner's partition: the one the partner's events and journal use. */
final class PartnerPartitioner implements StreamPartitioner<OrderKey, OrderView> {

  @Override
  public Optional<Set<Integer>> partitions(String topic, OrderKey key, OrderView value, int numPartitions) {
    return Optional.of(Set.of(key.partition(numPartitions)));
  }
}
