package io.orderledger.poller.ingest;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.RejectedEvent;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.poller.adapter.ScanResult;
import io.orderledger.poller.adapter.SourceAdapter;
import io.orderledger.poller.adapter.SourceConfig;
import io.orderledger.poller.adapter.UpstreamReject;
import io.orderledger.poller.detect.ChangeDetector;
import io.orderledger.poller.detect.Checkpoint;
import io.orderledger.poller.detect.CheckpointCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one source for ever: scan, detect changes, and produce the events, the rejects and the new checkpoint in one
 * Kafka transaction (the design of KIP-618's exactly-once source tasks). The transactional id is stable per source,
 * so a restarted poller fences its predecessor, and the checkpoint is read only after {@code initTransactions()}.
 *
 * <p>When a commit times out its outcome is unknown: the commit is retried, and if it still cannot be confirmed the
 * producer is thrown away and the checkpoint re-read, so the next cycle starts from what Kafka says was committed.
 */
public final class SourcePoller implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(SourcePoller.class);

  /** Where the poller writes. */
  public record Topics(String orderEvents, String rejected, String checkpoints) {
  }

  private final SourceAdapter adapter;
  private final SourceConfig source;
  private final ChangeDetector detector;
  private final Map<String, Object> kafkaConfig;
  private final Map<String, Object> producerConfig;
  private final Topics topics;
  private final EventSerdes serdes;
  private final PollerMetrics metrics;
  private final Duration interval;
  private final LongSupplier clock;
  private volatile boolean running = true;
  private volatile boolean fenced;
  private volatile long cycles;

  public SourcePoller(SourceAdapter adapter, Map<String, Object> kafkaConfig, String transactionalIdPrefix, Topics topics,
                      EventSerdes serdes, PollerMetrics metrics, Duration interval, LongSupplier clock) {
    this.adapter = adapter;
    this.source = adapter.source();
    this.detector = new ChangeDetector(source);
    this.kafkaConfig = Map.copyOf(kafkaConfig);
    this.producerConfig = producerConfig(kafkaConfig, transactionalIdPrefix + "-" + source.id());
    this.topics = topics;
    this.serdes = serdes;
    this.metrics = metrics;
    this.interval = interval;
    this.clock = clock;
  }

  private static Map<String, Object> producerConfig(Map<String, Object> base, String transactionalId) {
    Map<String, Object> config = new HashMap<>(base);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
    config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    return config;
  }

  public void stop() {
    running = false;
  }

  /** True when another instance took over this source's transactional id: this one has stopped for good. */
  public boolean fenced() {
    return fenced;
  }

  public String sourceId() {
    return source.id();
  }

  public long cycles() {
    return cycles;
  }

  @Override
  public void run() {
    Thread.currentThread().setName("poller-" + source.id());
    while (running && !fenced) {
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
        producer.initTransactions();
        Checkpoint checkpoint = new CheckpointStore(kafkaConfig, topics.checkpoints()).read(source.id());
        log.info("source {}: resuming with {} orders in the window, scanning from {}", source.id(), checkpoint.known().size(),
            checkpoint.windowSince() == Long.MIN_VALUE ? "the beginning" : java.time.Instant.ofEpochMilli(checkpoint.windowSince()));
        pollUntilFailure(producer, checkpoint);
      } catch (ProducerFencedException | InvalidProducerEpochException e) {
        fenced = true;
        log.error("source {}: another poller took over this source ({}); this one stops", source.id(), e.getMessage());
      } catch (RuntimeException e) {
        if (running) {
          log.warn("source {}: {}; starting again with a new producer from the committed checkpoint", source.id(), e.toString());
          sleep(Duration.ofSeconds(1));
        }
      }
    }
  }

  private void pollUntilFailure(KafkaProducer<byte[], byte[]> producer, Checkpoint checkpoint) {
    while (running) {
      long started = System.nanoTime();
      ScanResult scan = adapter.scan(checkpoint.window());
      metrics.scanned(source.id(), scan.pages(), scan.complete(), System.nanoTime() - started);
      if (!scan.complete()) {
        log.warn("source {}: scan incomplete ({}); the window stays where it was", source.id(), scan.incompleteReason());
      }
      long now = clock.getAsLong();
      ChangeDetector.Outcome outcome = detector.detect(checkpoint, scan, now);
      if (outcome.checkpointChanged()) {
        commit(producer, outcome, now);
        checkpoint = outcome.next();
      }
      cycles++;
      if (outcome.events().isEmpty() && scan.complete()) {
        sleep(interval);
      }
    }
  }

  private void commit(KafkaProducer<byte[], byte[]> producer, ChangeDetector.Outcome outcome, long now) {
    byte[] partnerKey = source.partnerId().getBytes(StandardCharsets.UTF_8);
    producer.beginTransaction();
    try {
      for (OrderEvent event : outcome.events()) {
        producer.send(new ProducerRecord<>(topics.orderEvents(), partnerKey, serdes.orderEvent().serialize(topics.orderEvents(), event)));
      }
      for (UpstreamReject reject : outcome.rejects()) {
        RejectedEvent rejected = RejectedEvent.newBuilder()
            .setReason(reject.reason())
            .setDetail(reject.detail())
            .setRejectedBy("provider-poller/" + source.id())
            .setInputTimestamp(now)
            .setPayload(ByteBuffer.wrap(reject.payload()))
            .build();
        producer.send(new ProducerRecord<>(topics.rejected(), partnerKey, serdes.rejectedEvent().serialize(topics.rejected(), rejected)));
      }
      byte[] checkpointBytes = CheckpointCodec.encode(outcome.next());
      producer.send(new ProducerRecord<>(topics.checkpoints(), source.id().getBytes(StandardCharsets.UTF_8), checkpointBytes));
      commitConfirmed(producer);
      metrics.eventsEmitted(source.id(), outcome.events().size());
      outcome.rejects().forEach(reject -> metrics.rejected(source.id(), reject.reason()));
      metrics.checkpointSize(source.id(), outcome.next().known().size(), checkpointBytes.length);
      outcome.events().stream().mapToLong(OrderEvent::getOccurredAt).max()
          .ifPresent(latest -> metrics.sourceLag(source.id(), Math.max(0, now - latest)));
    } catch (ProducerFencedException | InvalidProducerEpochException e) {
      throw e;
    } catch (KafkaException e) {
      // Abort what can be aborted; then the caller starts over with a new producer and the committed checkpoint.
      try {
        producer.abortTransaction();
      } catch (KafkaException ignored) {
        // the producer is unusable; closing it is all that is left
      }
      throw e;
    }
  }

  /** A commit that times out may or may not have happened: retry it, never assume it aborted (KIP-588). */
  private static void commitConfirmed(KafkaProducer<byte[], byte[]> producer) {
    for (int attempt = 1; ; attempt++) {
      try {
        producer.commitTransaction();
        return;
      } catch (TimeoutException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
