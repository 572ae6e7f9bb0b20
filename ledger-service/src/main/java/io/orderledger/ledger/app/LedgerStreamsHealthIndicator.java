package io.orderledger.ledger.app;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP while the topology is running or rebalancing; DOWN before it starts and after it fails. */
final class LedgerStreamsHealthIndicator implements HealthIndicator {

  private final LedgerStreams streams;

  LedgerStreamsHealthIndicator(LedgerStreams streams) {
    this.streams = streams;
  }

  @Override
  public Health health() {
    KafkaStreams.State state = streams.state();
    Health.Builder health = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING ? Health.up() : Health.down();
    return health.withDetail("state", state.name()).build();
  }
}
