package io.orderledger.poller.checkpoint;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * record with the source's key in the partition the default partitioner puts it in, up to the end of the log.
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

  /** The key of a source's changes since its last whole checkpoint ({@link CheckpointCodec#encodeChanges}). */
  public static String changesKey(String sourceId) {
    return sourceId + "#changes";
  }

  /**
   * The source's checkpoint: its last whole one, with the last changes written since applied when they are changes to
   * that one (changes to an older whole checkpoint were superseded by the newer whole one).
   */
  public Checkpoint read(String sourceId) {
    Properties properties = new Properties();
    properties.putAll(consumerConfig);
    byte[] wholeKey = sourceId.getBytes(StandardCharsets.UTF_8);
    byte[] changesKey = changesKey(sourceId).getBytes(StandardCharsets.UTF_8);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (partitions == null || partitions.isEmpty()) {
        throw new IllegalStateException("checkpoint topic " + topic + " does not exist");
      }
      List<TopicPartition> assigned = java.util.stream.Stream.of(wholeKey, changesKey)
          .map(key -> new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key)) % partitions.size())).distinct().toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
      byte[] whole = null;
      byte[] changes = null;
      while (assigned.stream().anyMatch(partition -> consumer.position(partition, Duration.ofSeconds(30)) < end.get(partition))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (java.util.Arrays.equals(record.key(), wholeKey)) {
            whole = record.value();
          } else if (java.util.Arrays.equals(record.key(), changesKey)) {
            changes = record.value();
          }
        }
      }
      if (whole == null) {
        return Checkpoint.initial(sourceId);
      }
      CheckpointCodec.Stored last = CheckpointCodec.decodeStored(whole);
      if (changes != null) {
        CheckpointCodec.Stored since = CheckpointCodec.decodeStored(changes);
        if (last.id() != null && since.changes(last.id())) {
          return since.appliedTo(last.checkpoint());
        }
      }
      return last.checkpoint();
    }
  }
}
