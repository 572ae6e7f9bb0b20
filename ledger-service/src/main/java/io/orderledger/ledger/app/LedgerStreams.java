package io.orderledger.ledger.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the ledger topology with the application's Kafka Streams settings and closes it on shutdown (SIGTERM
 * included: Spring Boot stops lifecycles before the JVM exits), so that the last transaction commits or aborts
 * cleanly rather than timing out.
 */
final class LedgerStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LedgerStreams.class);

  private final Topology topology;
  private final Map<String, Object> streamsConfig;
  private final Duration closeTimeout;
  private final MeterRegistry registry;
  private volatile KafkaStreams streams;
  private KafkaStreamsMetrics streamsMetrics;

  LedgerStreams(Topology topology, Map<String, Object> streamsConfig, Duration closeTimeout, MeterRegistry registry) {
    this.topology = topology;
    this.streamsConfig = streamsConfig;
    this.closeTimeout = closeTimeout;
    this.registry = registry;
  }

  @Override
  public synchronized void start() {
    Properties props = new Properties();
    props.putAll(streamsConfig);
    KafkaStreams created = new KafkaStreams(topology, props);
    created.setUncaughtExceptionHandler(e -> {
      // The rules turn bad input into rejections; what reaches here is infrastructure (broker unreachable, a
      // timeout). A fresh thread resumes from the last committed transaction, so nothing is lost or doubled.
      log.error("ledger stream thread failed; replacing it", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    created.setStateListener((next, previous) -> log.info("ledger streams {} -> {}", previous, next));
    streamsMetrics = new KafkaStreamsMetrics(created);
    streamsMetrics.bindTo(registry);
    created.start();
    streams = created;
    log.info("ledger topology started:\n{}", topology.describe());
  }

  @Override
  public synchronized void stop() {
    if (streams != null) {
      // A dynamic member leaves at once so its partitions move now, not after session.timeout.ms. A static member
      // (group.instance.id set) stays: when it comes back within the session it takes its partitions back unchanged.
      boolean staticMember = streamsConfig.keySet().stream().anyMatch(k -> k.endsWith("group.instance.id"));
      streams.close(org.apache.kafka.streams.CloseOptions.timeout(closeTimeout).withGroupMembershipOperation(staticMember
          ? org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
          : org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
      streamsMetrics.close();
      streams = null;
    }
  }

  @Override
  public boolean isRunning() {
    return streams != null;
  }

  KafkaStreams.State state() {
    KafkaStreams current = streams;
    return current == null ? KafkaStreams.State.NOT_RUNNING : current.state();
  }
}
