package io.orderledger.poller.ingest;

import io.orderledger.events.BulkRecipient;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderState;
import io.orderledger.events.codec.EventSerdes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code order-events} as a downstream consumer would ({@code read_committed}) while a test runs, and keeps
 * every distinct change as "order id | fingerprint", every event id, and how many events repeated one.
 */
final class IngestTracker implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final Set<String> changes = ConcurrentHashMap.newKeySet();
  private final Set<String> eventIds = new HashSet<>();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong repeats = new AtomicLong();
  private final AtomicLong consumed = new AtomicLong();
  private volatile boolean running = true;
  private volatile Throwable failure;

  IngestTracker(String bootstrapServers, String topic) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    EventSerdes serdes = EventSerdes.shipped();
    thread = new Thread(() -> {
      try {
        while (running) {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            OrderEvent event = serdes.orderEvent().deserialize(topic, record.value());
            events.incrementAndGet();
            synchronized (eventIds) {
              if (!eventIds.add(event.getEventId())) {
                repeats.incrementAndGet();
              }
            }
            changes.add(describe(event));
          }
          consumed.incrementAndGet();
        }
      } catch (Throwable e) {
        failure = e;
      }
    }, "ingest-tracker");
    thread.start();
  }

  static String describe(OrderEvent event) {
    StringBuilder fingerprint = new StringBuilder(event.getState().name());
    List<BulkRecipient> recipients = event.getOrder().getBulkRecipients();
    if (recipients != null && !recipients.isEmpty()) {
      fingerprint.append(':');
      recipients.forEach(r -> fingerprint.append(r.getStatus() == OrderState.PROCESSING ? 'R' : r.getStatus().name().charAt(0)));
    }
    return event.getOrderId() + "|" + fingerprint;
  }

  Set<String> changes() {
    check();
    return Set.copyOf(changes);
  }

  int distinctChanges() {
    check();
    return changes.size();
  }

  long events() {
    return events.get();
  }

  long repeats() {
    return repeats.get();
  }

  /** Waits for two more full poll loops: everything committed before this call has been read. */
  void catchUp() {
    long start = consumed.get();
    Awaitility.await("the tracker's consumer catching up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .failFast(this::check)
        .until(() -> consumed.get() >= start + 2);
  }

  private void check() {
    if (failure != null) {
      throw new AssertionError("the tracker's consumer failed", failure);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
    consumer.close();
  }
}
