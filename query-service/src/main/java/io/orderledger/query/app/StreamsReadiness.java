package io.orderledger.query.app;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Readiness follows Kafka Streams: refusing traffic until the first RUNNING, accepting while RUNNING or rebalancing
 * after that (a rebalance is answered with standbys or 503s, request by request), refusing for good once it fails.
 */
final class StreamsReadiness implements KafkaStreams.StateListener, HealthIndicator {

  private final ApplicationEventPublisher publisher;
  private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
  private volatile boolean wasRunning;

  StreamsReadiness(ApplicationEventPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
    state = newState;
    if (newState == KafkaStreams.State.RUNNING) {
      wasRunning = true;
    }
    AvailabilityChangeEvent.publish(publisher, this, ready() ? ReadinessState.ACCEPTING_TRAFFIC : ReadinessState.REFUSING_TRAFFIC);
  }

  boolean ready() {
    return state == KafkaStreams.State.RUNNING || (wasRunning && state == KafkaStreams.State.REBALANCING);
  }

  @Override
  public Health health() {
    return (ready() ? Health.up() : Health.outOfService()).withDetail("kafkaStreams", state.name()).build();
  }
}
