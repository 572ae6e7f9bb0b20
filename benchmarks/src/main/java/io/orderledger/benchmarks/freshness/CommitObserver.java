package io.orderledger.benchmarks.freshness;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.codec.EventSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Notes when each event the poller wrote became readable by a {@code read_committed} consumer: the moment its
 * transaction committed, plus one fetch. The pipeline's own share of freshness is measured from here.
 */
public final class CommitObserver implements Runnable {

  /** One committed event: the order, the version of it the event carries, and when it became readable. */
  public record Committed(String orderId, long updatedAt, long readableAt) {
  }

  private final String bootstrapServers;
  private final String topic;
  private final EventSerdes serdes;
  private final List<Committed> committed = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;

  public CommitObserver(String bootstrapServers, String topic, EventSerdes serdes) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.serdes = serdes;
  }

  public List<Committed> committed() {
    return List.copyOf(committed);
  }

  public void stop() {
    running = false;
  }

  @Override
  public void run() {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5,
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
          OrderEvent event = serdes.orderEvent().deserializer().deserialize(topic, record.value());
          committed.add(new Committed(event.getOrderId(), event.getOrder().getUpdatedAt(), now));
        }
      }
    }
  }
}
