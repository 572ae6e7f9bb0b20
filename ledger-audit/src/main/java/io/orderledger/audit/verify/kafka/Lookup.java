package io.orderledger.audit.verify.kafka;

import io.orderledger.events.topic.TopicNames;
import io.orderledger.audit.kafka.Cluster;
import io.orderledger.audit.verify.Audit;
import io.orderledger.audit.verify.Canonical;
import io.orderledger.audit.verify.Positions;
import io.orderledger.events.codec.EventSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one published record again by its position, to say in the report what was found where it differs, in the same
 * text form the rules' expectation is shown in. Only the first differences are looked up: a broken ledger can differ in
 * millions of places, and the report keeps the first.
 */
final class Lookup implements Audit.Found, AutoCloseable {

  private static final int MAX_LOOKUPS = 1_000;

  /** All lookups together: past it, the report gives positions only (each costs a fetch round trip; a thousand add up). */
  private static final Duration BUDGET = Duration.ofSeconds(20);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final EventSerdes serdes;
  private final Map<TopicPartition, Counted> counted = new java.util.HashMap<>();
  private int lookups;
  private long spentNanos;

  Lookup(Cluster cluster, EventSerdes serdes) {
    // One record per lookup, answered at once: a fetch that finds its records must not wait for more (the default
    // fetch.max.wait.ms of 500 ms per lookup made a thousand lookups take eight minutes).
    this.consumer = cluster.consumer(Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 256 * 1024));
    this.serdes = serdes;
  }

  @Override
  public String describe(String topic, long position) {
    return read(topic, position, bytes -> {
      if (topic.endsWith(TopicNames.LEDGER_DECISIONS)) {
        return Canonical.decision(serdes.ledgerDecision().deserializer().deserialize(topic, bytes));
      } else if (topic.endsWith(TopicNames.WALLET_JOURNAL)) {
        return Canonical.entry(serdes.walletEntry().deserializer().deserialize(topic, bytes));
      } else if (topic.endsWith(TopicNames.ORDER_VIEWS)) {
        return Canonical.view(serdes.orderView().deserializer().deserialize(topic, bytes));
      } else if (topic.endsWith(TopicNames.WALLET_DISCREPANCIES)) {
        return Canonical.discrepancy(serdes.walletDiscrepancy().deserializer().deserialize(topic, bytes));
      } else if (topic.endsWith(TopicNames.ORDER_EVENTS_REJECTED)) {
        var r = serdes.rejectedEvent().deserializer().deserialize(topic, bytes);
        return r.getReason() + (r.getDetail() == null ? "" : " (" + r.getDetail() + ")");
      }
      return bytes.length + " bytes";
    });
  }

  /**
   * The records in [{@code from}, {@code to}) of a partition, which the ledger has not decided: how many (offsets alone
   * would count transaction markers too) and the oldest one's timestamp (Long.MAX_VALUE when there are none). Past
   * {@code cap} records it stops reading and counts the rest by offsets.
   */
  long[] pending(TopicPartition partition, long from, long to, long cap) {
    Counted last = counted.get(partition);
    if (last != null && last.from() == from && last.to() == to && last.count() < cap) {
      return new long[] {last.count(), last.oldest()};
    }
    consumer.assign(List.of(partition));
    consumer.seek(partition, from);
    long count = 0;
    long oldest = Long.MAX_VALUE;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (consumer.position(partition) < to && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        if (record.offset() >= to) {
          break;
        }
        count++;
        oldest = Math.min(oldest, record.timestamp());
        if (count >= cap) {
          return new long[] {count + (to - record.offset() - 1), oldest};
        }
      }
    }
    if (consumer.position(partition) >= to) {
      counted.put(partition, new Counted(from, to, count, oldest));
    }
    return new long[] {count, oldest};
  }

  /**
   * A range of a partition counted to its end. The records between two offsets of the log never change, and at rest
   * {@code verify --follow} asks about the same range (the commit marker after the last decided input) twice a pass,
   * every pass: it is read once.
   */
  private record Counted(long from, long to, long count, long oldest) {
  }

  private String read(String topic, long position, Function<byte[], String> describe) {
    String where = topic + " " + Positions.partition(position) + "/" + Positions.offset(position);
    if (position < 0) {
      return "not found";
    }
    if (++lookups > MAX_LOOKUPS || spentNanos > BUDGET.toNanos()) {
      return "see " + where;
    }
    long start = System.nanoTime();
    ConsumerRecord<byte[], byte[]> record = at(new TopicPartition(topic, Positions.partition(position)), Positions.offset(position));
    spentNanos += System.nanoTime() - start;
    if (record == null) {
      return "unreadable (" + where + ")";
    }
    try {
      return describe.apply(record.value()) + " (" + where + ")";
    } catch (RuntimeException e) {
      return "undecodable: " + e.getMessage() + " (" + where + ")";
    }
  }

  private ConsumerRecord<byte[], byte[]> at(TopicPartition partition, long offset) {
    consumer.assign(List.of(partition));
    consumer.seek(partition, offset);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        if (record.offset() >= offset) {
          return record; // the first committed record at or after the offset (a transaction marker has no record)
        }
      }
    }
    return null;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
