package io.orderledger.ledger.app;

import io.orderledger.events.progress.ProgressTracker;
import io.orderledger.events.progress.ProgressWatch;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while the topology is running or rebalancing and making progress; DOWN before it starts, after it fails, and while
 * it cannot make progress for longer than {@code ledger.health.stall-after} (an output partition without enough in-sync
 * replicas to commit a transaction, Kafka unreachable, input waiting while nothing commits), with the reason. Part of
 * the readiness group: an orchestrator sees the truth, and the ledger keeps trying meanwhile.
 */
final class LedgerStreamsHealthIndicator implements HealthIndicator {

  private final LedgerStreams streams;
  private final ProgressWatch progress;

  LedgerStreamsHealthIndicator(LedgerStreams streams, ProgressWatch progress) {
    this.streams = streams;
    this.progress = progress;
  }

  @Override
  public Health health() {
    KafkaStreams.State state = streams.state();
    ProgressTracker.Verdict verdict = progress.current();
    boolean running = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    Health.Builder health = running && verdict.progressing() ? Health.up() : Health.down();
    health.withDetail("state", state.name()).withDetail("inputLag", verdict.lag()).withDetail("dataAgeSeconds", verdict.dataAge().toSeconds());
    if (verdict.reason() != null) {
      health.withDetail("reason", verdict.reason());
    }
    return health.build();
  }
}
