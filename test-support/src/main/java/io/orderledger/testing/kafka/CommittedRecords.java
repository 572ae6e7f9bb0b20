package io.orderledger.testing.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads what is committed on a topic, the way an auditor would: read_committed, from the start to the end. */
public final class CommittedRecords {

  private CommittedRecords() {
  }

  /** Every committed record of the topic, partition by partition in offset order. */
  public static <K, V> List<ConsumerRecord<K, V>> readAll(KafkaBroker kafka, String topic, Deserializer<K> keys, Deserializer<V> values) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // For a read_committed consumer the end offset is the last stable offset: nothing open is waited for.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + kafka.patience().toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end " + end);
        }
        for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
          records.add(record);
        }
      }
    }
    return records;
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The transactional ids starting with {@code prefix} whose transaction is open on the broker: right after a
   * producer is killed, its transaction stays open until a successor fences it or the transaction times out, so a
   * kill that landed mid-transaction shows here.
   */
  public static List<String> openTransactions(KafkaBroker kafka, String prefix) {
    try (Admin admin = kafka.admin()) {
      return admin.listTransactions(new org.apache.kafka.clients.admin.ListTransactionsOptions()
              .filterStates(List.of(org.apache.kafka.clients.admin.TransactionState.ONGOING))).all().get().stream()
          .map(org.apache.kafka.clients.admin.TransactionListing::transactionalId).filter(id -> id.startsWith(prefix)).toList();
    } catch (Exception e) {
      throw new IllegalStateException("cannot list the open transactions of " + prefix, e);
    }
  }

  /** How many records of the topic the consumer group has not committed yet (end offset minus committed offset). */
  public static long lag(KafkaBroker kafka, String groupId, String topic) {
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
      List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
      long lag = 0;
      for (TopicPartition p : partitions) {
        OffsetAndMetadata done = committed.get(p);
        lag += ends.get(p).offset() - (done == null ? 0 : done.offset());
      }
      return lag;
    } catch (Exception e) {
      throw new IllegalStateException("cannot measure the lag of " + groupId + " on " + topic, e);
    }
  }
}
