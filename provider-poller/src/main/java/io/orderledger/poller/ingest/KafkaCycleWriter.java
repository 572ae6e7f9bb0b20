package io.orderledger.poller.ingest;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.reject.Rejections;
import io.orderledger.poller.checkpoint.Checkpoint;
import io.orderledger.poller.checkpoint.CheckpointCodec;
import io.orderledger.poller.checkpoint.CheckpointStore;
import io.orderledger.poller.detect.ChangeDetector;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.source.UpstreamReject;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One Kafka transaction per poll cycle (the design of KIP-618's exactly-once source tasks): the events, the rejects
 * and the next checkpoint commit together or not at all. The transactional id is stable per source, so opening a
 * writer fences a predecessor and aborts what it left open; the checkpoint is read only after that, read_committed.
 * A commit that times out may or may not have happened: it is retried, and if it still cannot be confirmed the
 * writer is given up and a new one reads what Kafka says was committed (KIP-588). A transaction that outlived
 * {@code transaction.timeout.ms} (a broker cut off from the cluster held its writes) was aborted by its coordinator,
 * which bumped the epoch: the fencing error that follows is that abort, not another poller, and the cycle starts over.
 */
public final class KafkaCycleWriter implements CycleWriter {

  private final KafkaProducer<byte[], byte[]> producer;
  private final Map<String, Object> kafkaConfig;
  private final PollerTopics topics;
  private final String partnerId;
  private final String rejectedBy;
  private String sourceId;
  /** The partition of the checkpoints topic that holds this source's records (asked for at the first write). */
  private int checkpointPartition = -1;
  /** The checkpoint this writer last committed: what the next cycle's changes are taken against. */
  private Checkpoint lastWritten;
  /** The last whole checkpoint this writer committed, and when; how many changes records followed it. */
  private String lastWholeId;
  private long lastWholeAt;
  private int changesSinceWhole;
  private final long transactionTimeoutNanos;

  /**
   * @param kafkaConfig the cluster connection (bootstrap servers, security), without serializers
   * @param transactionalId stable per source: {@code <prefix>-<source id>}
   * @param source the source whose cycles this writes
   */
  public KafkaCycleWriter(Map<String, Object> kafkaConfig, String transactionalId, PollerTopics topics, SourceConfig source) {
    this.kafkaConfig = Map.copyOf(kafkaConfig);
    this.topics = topics;
    this.partnerId = source.partnerId();
    this.rejectedBy = "provider-poller/" + source.id();
    Map<String, Object> config = producerConfig(kafkaConfig, transactionalId);
    this.transactionTimeoutNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
        Long.parseLong(String.valueOf(config.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG))));
    this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * How often the whole checkpoint (every order of the window) is written; each cycle between writes only what it
   * changed, under its own changes key ({@link CheckpointStore#changesKey}). Writing the whole window with every cycle
   * that found a change was 44% of the bytes the broker took at 340 changes/s (the freshness benchmark, 2026-12-03);
   * then a whole one every 2 s and, in between, everything changed since it (so each cycle wrote the changes of the
   * cycles before it again) still made the checkpoints 39–43% of the bytes (2026-12-05). A restart reads the whole
   * checkpoint and at most {@link #MAX_CHANGES_BETWEEN_WHOLE} changes records after it.
   */
  static final long WHOLE_CHECKPOINT_EVERY_MILLIS = 30_000;
  static final int MAX_CHANGES_BETWEEN_WHOLE = 200;

  static Map<String, Object> producerConfig(Map<String, Object> base, String transactionalId) {
    Map<String, Object> config = new HashMap<>(base);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    // Events carry the source's record: zstd keeps them small on the wire and on disk (README, "The event format").
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    // A cycle's transaction takes well under a second. One still open after 20 s is stuck behind a broker that cannot
    // complete it (a leader cut off from the cluster): its coordinator aborts it, and the cycle starts over
    // (TransactionTimedOut). With 60 s the poller wrote nothing for 93 s through a partition (NetworkPartitionIT).
    config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 20_000);
    // And a request a cut-off leader holds (acks=all that no follower will ever give) is given up after 15 s, not 30.
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    // A cycle that starts right after the last one committed can find the broker still writing that commit's markers
    // (CONCURRENT_TRANSACTIONS, retried): the default backoff, 100 ms doubling to 1 s, held whole cycles back for
    // a wait of a few milliseconds, long enough for a source to change an order twice between two reads.
    config.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
    config.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 100);
    // A leader cut off from the cluster but not from this client answers NOT_ENOUGH_REPLICAS, which does not make a
    // producer ask for metadata again: with the default (5 min) it retried there until the transaction timed out
    // (NetworkPartitionIT). Every 10 s it asks the least loaded broker, learns the new leader and its higher leader
    // epoch (after which the cut-off broker's older answers are ignored), and the retries go there.
    config.putIfAbsent(ProducerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
    // A commit whose coordinator is that cut-off broker waits for an answer that never comes, and a client can find
    // the same broker again when it looks for the coordinator (it still answers for itself): with the default 60 s per
    // attempt, three attempts held a source's poller still for 3 minutes (NetworkPartitionIT, 2026-12-04). After 20 s
    // per attempt the writer is given up and a new one starts from the committed checkpoint, finding the coordinator
    // afresh.
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
    return config;
  }

  @Override
  public Checkpoint open(String sourceId) {
    this.sourceId = sourceId;
    try {
      producer.initTransactions();
    } catch (ProducerFencedException | InvalidProducerEpochException e) {
      throw new Fenced("another poller took over source " + sourceId, e);
    }
    return new CheckpointStore(kafkaConfig, topics.checkpoints().name()).read(sourceId);
  }

  @Override
  public void write(ChangeDetector.Outcome outcome, long polledAt) {
    long begun = System.nanoTime();
    producer.beginTransaction();
    try {
      byte[] partnerKey = topics.orderEvents().keySerde().serializer().serialize(topics.orderEvents().name(), partnerId);
      for (OrderEvent event : outcome.events()) {
        send(topics.orderEvents().name(), partnerKey, topics.orderEvents().valueSerde().serializer().serialize(topics.orderEvents().name(), event));
      }
      for (UpstreamReject reject : outcome.rejects()) {
        send(topics.rejected().name(), partnerKey, topics.rejected().valueSerde().serializer().serialize(topics.rejected().name(),
            Rejections.ofUpstream(reject.reason(), reject.detail(), rejectedBy, polledAt, reject.payload())));
      }
      boolean whole = lastWholeId == null || polledAt - lastWholeAt >= WHOLE_CHECKPOINT_EVERY_MILLIS
          || changesSinceWhole >= MAX_CHANGES_BETWEEN_WHOLE;
      String wholeId = whole ? java.util.UUID.randomUUID().toString() : lastWholeId;
      int seq = whole ? 0 : changesSinceWhole + 1;
      String key = whole ? sourceId : CheckpointStore.changesKey(sourceId, seq);
      byte[] value = whole ? CheckpointCodec.encode(outcome.next(), wholeId) : CheckpointCodec.encodeChanges(outcome.next(), lastWritten, wholeId, seq);
      // Every record of a source's checkpoint goes to its whole checkpoint's partition, so a restart reads one partition.
      producer.send(new ProducerRecord<>(topics.checkpoints().name(), checkpointPartition(),
          topics.checkpoints().keySerde().serializer().serialize(topics.checkpoints().name(), key), value));
      commitConfirmed();
      lastWritten = outcome.next();
      changesSinceWhole = seq;
      if (whole) {
        lastWholeId = wholeId;
        lastWholeAt = polledAt;
      }
    } catch (ProducerFencedException | InvalidProducerEpochException e) {
      if (System.nanoTime() - begun >= transactionTimeoutNanos) {
        throw new TransactionTimedOut(sourceId, (System.nanoTime() - begun) / 1_000_000, e);
      }
      throw new Fenced("another poller took over source " + sourceId + " (" + e.getClass().getSimpleName() + ")", e);
    } catch (KafkaException e) {
      // Abort what can be aborted; then the caller starts over with a new writer and the committed checkpoint.
      try {
        producer.abortTransaction();
      } catch (KafkaException ignored) {
        // the producer is unusable; closing it is all that is left
      }
      throw e;
    }
  }

  /**
   * The transaction was open longer than {@code transaction.timeout.ms}, so its coordinator aborted it and bumped the
   * producer's epoch: the writer is unusable, but no other poller is involved; the cycle starts over with a new one.
   */
  static final class TransactionTimedOut extends KafkaException {
    TransactionTimedOut(String sourceId, long openMillis, Throwable cause) {
      super("source " + sourceId + ": the transaction was open " + openMillis + " ms, past transaction.timeout.ms, and its coordinator"
          + " aborted it (" + cause.getClass().getSimpleName() + ")", cause);
    }
  }

  private int checkpointPartition() {
    if (checkpointPartition < 0) {
      checkpointPartition = CheckpointStore.partitionOf(sourceId, producer.partitionsFor(topics.checkpoints().name()).size());
    }
    return checkpointPartition;
  }

  private void send(String topic, byte[] key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  /** A commit that times out may or may not have happened: retry it, never assume it aborted (KIP-588). */
  private void commitConfirmed() {
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

  /** Bounded: a producer given up on (above) may hold requests nobody will answer; its transaction times out anyway. */
  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
