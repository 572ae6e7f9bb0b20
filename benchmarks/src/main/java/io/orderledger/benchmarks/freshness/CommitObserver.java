package io.orderledger.benchmarks.freshness;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderView;
import io.orderledger.events.codec.EventSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Notes when each record of a topic (the poller's events, the ledger's views) became readable by a
 * {@code read_committed} consumer: the moment its writer's transaction committed, plus one fetch. The pipeline's own
 * share of freshness is measured from the events; the views split it between the ledger and the query service.
 */
public final class CommitObserver implements Runnable {

  /** One committed event: the order, the version of it the event carries, and when it became readable. */
  public record Committed(String orderId, long updatedAt, long readableAt) {
  }

  /** {@code -DcommitFetchWaitMillis} (500, the consumer's default; until 2026-12-05 it was 5). */
  public static final int FETCH_MAX_WAIT_MILLIS = Integer.getInteger("commitFetchWaitMillis", 500);

  private final String bootstrapServers;
  private final String topic;
  private final Function<byte[], Committed> decode;
  private final List<Committed> committed = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;

  private CommitObserver(String bootstrapServers, String topic, Function<byte[], Committed> decode) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.decode = decode;
  }

  /** The poller's events: when each became readable is when the poller's transaction committed. */
  public static CommitObserver ofEvents(String bootstrapServers, String topic, EventSerdes serdes) {
    return new CommitObserver(bootstrapServers, topic, value -> {
      OrderEvent event = serdes.orderEvent().deserializer().deserialize(topic, value);
      return new Committed(event.getOrderId(), event.getOrder().getUpdatedAt(), 0);
    });
  }

  /** The ledger's views: when each became readable is when the ledger's transaction committed. */
  public static CommitObserver ofViews(String bootstrapServers, String topic, EventSerdes serdes) {
    return new CommitObserver(bootstrapServers, topic, value -> {
      OrderView view = serdes.orderView().deserializer().deserialize(topic, value);
      return new Committed(view.getOrderId(), view.getOrder().getUpdatedAt(), 0);
    });
  }

  /** Each order's records by the version they carry ({@code updatedAt}), with when the first of each became readable. */
  public static java.util.Map<String, java.util.NavigableMap<Long, Long>> byOrder(List<Committed> committed) {
    java.util.Map<String, java.util.NavigableMap<Long, Long>> byOrder = new java.util.HashMap<>();
    for (Committed record : committed) {
      byOrder.computeIfAbsent(record.orderId(), id -> new java.util.TreeMap<>()).putIfAbsent(record.updatedAt(), record.readableAt());
    }
    return byOrder;
  }

  public List<Committed> committed() {
    return List.copyOf(committed);
  }

  public void stop() {
    running = false;
  }

  @Override
  public void run() {
    // The broker answers a read_committed fetch held in its purgatory as soon as a commit's marker makes records
    // readable, so the wait is not the timing's resolution: a probe saw records 1.8-2.4 ms (p50) after the commit
    // returned with 500 ms, 2.1-3.4 ms with 5 ms. With at most 5 ms per fetch the two observers cost the broker 12-15%
    // of a core at idle (16.5-19.5% against 4.3-4.7% without them), charged to the stack (2026-12-05 night).
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MILLIS,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // from now on, not the history before the measurement
      while (running) {
        var records = consumer.poll(Duration.ofMillis(20));
        long now = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          Committed decoded = decode.apply(record.value());
          committed.add(new Committed(decoded.orderId(), decoded.updatedAt(), now));
        }
      }
    }
  }
}
