package io.orderledger.events.codec;

import static io.orderledger.events.fixtures.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderState;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.kafka.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The serdes against a real broker: transactional writes, read_committed reads, aborted data invisible. */
@ExtendWith(KafkaBrokerExtension.class)
class EventRoundTripIT {

  private final EventSerdes serdes = EventSerdes.shipped();

  @Test
  void committedEventsAreReadBackAndAbortedOnesAreNot(KafkaBroker kafka) throws Exception {
    String topic = "round-trip-" + UUID.randomUUID();
    kafka.createTopics(3, topic);
    List<OrderEvent> committed = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      committed.add(event("partner-" + (i % 5), "order-" + i, null, OrderState.PENDING, 100 + i, 1_775_046_434_454L + i));
    }

    try (KafkaProducer<String, OrderEvent> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "round-trip-" + UUID.randomUUID()),
        new StringSerializer(), serdes.orderEvent().serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (OrderEvent e : committed) {
        producer.send(new ProducerRecord<>(topic, e.getPartnerId(), e));
      }
      producer.commitTransaction();

      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "partner-x", event("partner-x", "aborted", null, OrderState.PENDING, 1, 1L)));
      producer.flush();
      producer.abortTransaction();
    }

    List<OrderEvent> read = readCommitted(kafka, topic, committed.size());

    assertThat(read).containsExactlyInAnyOrderElementsOf(committed);
  }

  private List<OrderEvent> readCommitted(KafkaBroker kafka, String topic, int expected) {
    List<OrderEvent> read = new ArrayList<>();
    try (KafkaConsumer<String, OrderEvent> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "round-trip-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), serdes.orderEvent().deserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + kafka.patience().toNanos();
      // Keep polling a little past the expected count so that a leaked aborted record would be seen.
      int quietPolls = 0;
      while (System.nanoTime() < deadline && (read.size() < expected || quietPolls < 3)) {
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<String, OrderEvent> record : records) {
          assertThat(record.key()).isEqualTo(record.value().getPartnerId());
          read.add(record.value());
        }
        quietPolls = records.isEmpty() && read.size() >= expected ? quietPolls + 1 : 0;
      }
    }
    return read;
  }
}
