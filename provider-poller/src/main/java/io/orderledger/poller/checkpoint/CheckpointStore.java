package io.orderledger.poller.checkpoint;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads a source's last committed checkpoint from the compacted checkpoints topic, {@code read_committed}: the last
 * record with the source's key in the partition the default partitioner puts it in, and the changes written after it
 * (in that same partition: the writer puts them there), up to the end of the log.
 * Called after {@code initTransactions()}, so a transaction a dead predecessor left open is already aborted.
 */
public final class CheckpointStore {

  private final Map<String, Object> consumerConfig;
  private final String topic;

  public CheckpointStore(Map<String, Object> kafkaConfig, String topic) {
    this.consumerConfig = new HashMap<>(kafkaConfig);
    this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(java.util.Locale.ROOT));
    this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumerConfig.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.topic = topic;
  }

  /** The key under which a poller before 2026-12-05 kept every change since the last whole checkpoint. */
  static String cumulativeChangesKey(String sourceId) {
    return sourceId + "#changes";
  }

  /**
   * The key of a source's {@code seq}-th changes after its last whole checkpoint ({@link CheckpointCodec#encodeChanges}).
   * The writer starts a new whole checkpoint before {@code seq} passes a bound, so a source has a bounded set of these
   * keys and compaction keeps the last record of each.
   */
  public static String changesKey(String sourceId, int seq) {
    return changesPrefix(sourceId) + seq;
  }

  private static String changesPrefix(String sourceId) {
    return sourceId + "#changes#";
  }

  /** The partition of the checkpoints topic that holds every record of a source: its whole checkpoint's, by key. */
  public static int partitionOf(String sourceId, int partitions) {
    return partitionOf(sourceId.getBytes(StandardCharsets.UTF_8), partitions);
  }

  /** Where the default partitioner puts a record with this key. */
  private static int partitionOf(byte[] key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  /**
   * The source's checkpoint: its last whole one, with the changes written after it applied in order (changes to an
   * older whole checkpoint were superseded by the newer whole one).
   */
  public Checkpoint read(String sourceId) {
    Properties properties = new Properties();
    properties.putAll(consumerConfig);
    byte[] wholeKey = sourceId.getBytes(StandardCharsets.UTF_8);
    byte[] cumulativeKey = cumulativeChangesKey(sourceId).getBytes(StandardCharsets.UTF_8);
    byte[] changesPrefix = changesPrefix(sourceId).getBytes(StandardCharsets.UTF_8);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (partitions == null || partitions.isEmpty()) {
        throw new IllegalStateException("checkpoint topic " + topic + " does not exist");
      }
      List<TopicPartition> assigned = java.util.stream.Stream.of(wholeKey, cumulativeKey)
          .map(key -> new TopicPartition(topic, partitionOf(key, partitions.size()))).distinct().toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
      byte[] whole = null;
      byte[] cumulative = null;
      Map<String, byte[]> changes = new HashMap<>(); // the last record under each changes key
      while (assigned.stream().anyMatch(partition -> consumer.position(partition, Duration.ofSeconds(30)) < end.get(partition))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (Arrays.equals(record.key(), wholeKey)) {
            whole = record.value();
          } else if (Arrays.equals(record.key(), cumulativeKey)) {
            cumulative = record.value();
          } else if (record.key() != null && record.key().length > changesPrefix.length
              && Arrays.equals(record.key(), 0, changesPrefix.length, changesPrefix, 0, changesPrefix.length)) {
            changes.put(new String(record.key(), StandardCharsets.UTF_8), record.value());
          }
        }
      }
      if (whole == null) {
        return Checkpoint.initial(sourceId);
      }
      List<CheckpointCodec.Stored> after = new ArrayList<>();
      if (cumulative != null) {
        after.add(CheckpointCodec.decodeStored(cumulative));
      }
      changes.values().stream().filter(java.util.Objects::nonNull).map(CheckpointCodec::decodeStored).forEach(after::add);
      return CheckpointCodec.replay(CheckpointCodec.decodeStored(whole), after);
    }
  }
}
