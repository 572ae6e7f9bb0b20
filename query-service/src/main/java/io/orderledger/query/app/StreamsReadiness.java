package io.orderledger.query.app;

import io.orderledger.events.progress.ProgressTracker;
import io.orderledger.events.progress.ProgressWatch;
import io.orderledger.query.cluster.StandbyCatchUp;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Readiness follows Kafka Streams: refusing traffic until the first RUNNING, accepting while RUNNING or rebalancing
 * after that (a rebalance is answered with standbys or 503s, request by request), refusing for good once it fails.
 * Its health also goes DOWN, with the reason, while the service cannot keep its stores current for longer than
 * {@code query.health.stall-after} ({@link ProgressWatch}); the API goes on answering from the stores meanwhile, each
 * answer carrying the data's age ({@link DataAgeHeader}).
 *
 * <p>With standby replicas, readiness also waits, once, for the standby copies here to catch up with their changelogs
 * as they were when Kafka Streams first ran ({@link StandbyCatchUp#warmedUp}): until then, if the other instance were
 * stopped (the next step of a rolling restart waits for this one's readiness), this one could answer for its
 * partners only from copies seconds behind what they had been shown, or not at all.
 */
final class StreamsReadiness implements KafkaStreams.StateListener, HealthIndicator {

  private final ApplicationEventPublisher publisher;
  private volatile ProgressWatch progress;
  private volatile StandbyCatchUp standbys;
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

  /** Set once the stores can be asked where they stand (after Kafka Streams is created). */
  void standbys(StandbyCatchUp catchUp) {
    this.standbys = catchUp;
  }

  /** Set once the watch exists (it needs the application id the Streams configuration gives). */
  void watch(ProgressWatch watch) {
    this.progress = watch;
  }

  @Override
  public Health health() {
    ProgressTracker.Verdict verdict = progress == null ? null : progress.current();
    boolean progressing = verdict == null || verdict.progressing();
    // Asked only once Kafka Streams has run: the standby tasks are assigned by then.
    boolean warmedUp = !ready() || standbys == null || standbys.warmedUp();
    Health.Builder health = ready() && progressing && warmedUp ? Health.up()
        : ready() && warmedUp ? Health.down() : Health.outOfService();
    health.withDetail("kafkaStreams", state.name());
    if (!warmedUp) {
      health.withDetail("standbys", "catching up with their changelogs (" + standbys.lastKnownStandbyLag() + " records behind)");
    }
    if (verdict != null) {
      health.withDetail("inputLag", verdict.lag()).withDetail("dataAgeSeconds", verdict.dataAge().toSeconds());
      if (verdict.reason() != null) {
        health.withDetail("reason", verdict.reason());
      }
    }
    return health.build();
  }
}
