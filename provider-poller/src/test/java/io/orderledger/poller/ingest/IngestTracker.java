package io.orderledger.poller.ingest;

import io.orderledger.events.BulkRecipient;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.poller.SimulatedSources;
import io.orderledger.poller.mapping.Observation;
import io.orderledger.simulator.world.Change;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/**
 * Reads {@code order-events} as a downstream consumer would ({@code read_committed}) while a test runs, and keeps each
 * order's events in the order they were committed, every event id, and how many events repeated one. It can then
 * tell, order by order and change by change, where the events differ from what the simulator did.
 */
final class IngestTracker implements AutoCloseable {

  /** One event as the comparison needs it. */
  record Seen(String eventId, String state, String recipients, List<String> changedFields, boolean first) {
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final Map<String, List<Seen>> byOrder = new HashMap<>();
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
            add(serdes.orderEvent().deserialize(topic, record.value()));
          }
          consumed.incrementAndGet();
        }
      } catch (Throwable e) {
        failure = e;
      }
    }, "ingest-tracker");
    thread.start();
  }

  private synchronized void add(OrderEvent event) {
    events.incrementAndGet();
    if (!eventIds.add(event.getEventId())) {
      repeats.incrementAndGet();
    }
    StringBuilder recipients = new StringBuilder();
    List<BulkRecipient> list = event.getOrder().getBulkRecipients();
    if (list != null) {
      list.forEach(r -> recipients.append(Observation.letter(r.getStatus())));
    }
    byOrder.computeIfAbsent(event.getOrderId(), id -> new ArrayList<>()).add(new Seen(event.getEventId(), event.getState().name(),
        recipients.toString(), event.getChangedFields(), event.getPreviousState() == null));
  }

  /**
   * Where the committed events differ from the simulator's changes: for every order, one event per change, in order,
   * with the change's state and recipients' states, naming the fields the change touched. Empty when they agree.
   */
  synchronized List<String> differencesFrom(ProviderWorld world, List<SimSource> sources) {
    check();
    Map<String, List<Change>> changes = new HashMap<>();
    Map<String, SimSource> sourceById = new HashMap<>();
    sources.forEach(source -> sourceById.put(source.id(), source));
    for (Change change : world.changes()) {
      SimSource source = sourceById.get(change.sourceId());
      changes.computeIfAbsent(SimulatedSources.orderId(source.id(), source.shape(), change.orderId()), id -> new ArrayList<>()).add(change);
    }
    List<String> differences = new ArrayList<>();
    Set<String> orders = new HashSet<>(changes.keySet());
    orders.addAll(byOrder.keySet());
    for (String order : orders) {
      List<Change> made = changes.getOrDefault(order, List.of());
      List<Seen> seen = byOrder.getOrDefault(order, List.of());
      if (made.size() != seen.size()) {
        differences.add(order + ": " + made.size() + " changes upstream, " + seen.size() + " events " + seen);
        continue;
      }
      for (int i = 0; i < made.size(); i++) {
        Change change = made.get(i);
        Seen event = seen.get(i);
        boolean agrees = event.state().equals(change.state().name()) && event.recipients().equals(change.recipientStates())
            && event.first() == (i == 0)
            && SimulatedSources.fieldsNamedBy(change).stream().allMatch(f -> event.changedFields().stream().anyMatch(c -> c.startsWith(f)));
        if (!agrees) {
          differences.add(order + " change " + (i + 1) + ": upstream " + change.state() + " " + change.recipientStates() + " "
              + change.what() + ", event " + event);
        }
      }
    }
    return differences;
  }

  synchronized boolean hasEvent(String eventId) {
    return eventIds.contains(eventId);
  }

  long events() {
    check();
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
