package io.orderledger.ledger.app;

import static io.orderledger.events.OrderState.COMPLETED;
import static io.orderledger.events.OrderState.FAILED;
import static io.orderledger.events.OrderState.PENDING;
import static io.orderledger.events.OrderState.PROCESSING;
import static io.orderledger.events.fixtures.Events.event;
import static io.orderledger.events.fixtures.Events.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderledger.events.MovementKind;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.events.RejectReason;
import io.orderledger.events.RejectedEvent;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.fixtures.Events;
import io.orderledger.events.topic.OrderKey;
import io.orderledger.events.topic.PartnerId;
import io.orderledger.testing.kafka.CommittedRecords;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.kafka.KafkaBrokerExtension;
import io.orderledger.testing.keys.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The ledger service as it runs in production (Spring Boot, exactly_once_v2) against a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class LedgerIT {

  private static final EventSerdes SERDES = EventSerdes.shipped();

  @Test
  void foldsEventsIntoViewsAndBalancesAndRejectsWhatItCannotApply(KafkaBroker kafka) throws Exception {
    String run = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    try (ConfigurableApplicationContext app = startLedger(kafka, run)) {
      List<OrderEvent> events = new ArrayList<>();
      for (String partner : List.of("partner-a", "partner-b", "partner-c")) {
        events.add(Events.event(partner, snapshot(partner + "-topup", COMPLETED, 100_000, 1).setOrderType(OrderType.TOP_UP).build(), null));
        for (int i = 0; i < 20; i++) {
          String order = partner + "-o" + i;
          events.add(event(partner, order, null, PENDING, 100 + i, 10 + i));
          events.add(event(partner, order, PENDING, PROCESSING, 100 + i, 100 + i));
          events.add(event(partner, order, PROCESSING, i % 4 == 0 ? FAILED : COMPLETED, 100 + i, 200 + i));
        }
      }
      // One bad apple of each kind: garbage bytes and a completed order going back to pending.
      OrderEvent backwards = event("partner-a", "partner-a-o1", COMPLETED, PENDING, 101, 500);

      // The ledger made its topics a moment ago: written before their leaders are known, a fresh-clone CI run's records
      // for one partition met NOT_LEADER_OR_FOLLOWER and then OUT_OF_ORDER_SEQUENCE_NUMBER on every retry (52 views short).
      kafka.awaitLeaders(run + "order-events");
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
        for (OrderEvent e : events) {
          producer.send(new ProducerRecord<>(run + "order-events", key(e), SERDES.orderEvent().serialize(null, e)));
        }
        producer.send(new ProducerRecord<>(run + "order-events", "partner-a".getBytes(StandardCharsets.UTF_8), "garbage".getBytes(StandardCharsets.UTF_8)));
        producer.send(new ProducerRecord<>(run + "order-events", key(backwards), SERDES.orderEvent().serialize(null, backwards)));
      }

      await().atMost(Duration.ofSeconds(90)).until(() -> CommittedRecords.lag(kafka, run + "ledger", run + "order-events") == 0);

      List<ConsumerRecord<OrderKey, OrderView>> views = CommittedRecords.readAll(kafka, run + "order-views",
          OrderKey.serde().deserializer(), SERDES.orderView().deserializer());
      List<ConsumerRecord<String, WalletEntry>> journal = CommittedRecords.readAll(kafka, run + "wallet-journal",
          Serdes.String().deserializer(), SERDES.walletEntry().deserializer());
      List<ConsumerRecord<byte[], RejectedEvent>> rejects = CommittedRecords.readAll(kafka, run + "order-events-rejected",
          Serdes.ByteArray().deserializer(), SERDES.rejectedEvent().deserializer());

      assertThat(views).hasSize(events.size());
      assertThat(views).allSatisfy(v -> assertThat(v.partition())
          .as("a view is on its partner's partition").isEqualTo(v.key().partition(3)));
      Map<String, Long> balances = journal.stream().collect(Collectors.toMap(r -> r.key(), r -> r.value().getBalanceAfterMinor(), (a, b) -> b));
      // 100,000 credited; 20 orders of 100..119 charged; the 5 failed ones (i = 0, 4, 8, 12, 16) refunded.
      long charged = 0;
      for (int i = 0; i < 20; i++) {
        charged += i % 4 == 0 ? 0 : 100 + i;
      }
      assertThat(balances).containsExactlyInAnyOrderEntriesOf(Map.of(
          "partner-a", 100_000 - charged, "partner-b", 100_000 - charged, "partner-c", 100_000 - charged));
      assertThat(journal).extracting(r -> r.value().getKind()).filteredOn(k -> k == MovementKind.ORDER_REFUND).hasSize(15);
      assertThat(rejects).extracting(r -> r.value().getReason())
          .containsExactlyInAnyOrder(RejectReason.UNDECODABLE, RejectReason.SOURCE_CORRECTION);

      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      assertThat(get(port, "/actuator/health")).contains("\"status\":\"UP\"").contains("RUNNING");
      assertThat(get(port, "/actuator/prometheus")).contains("ledger_events_decided_total{decision=\"APPLIED\"}").contains("ledger_events_rejected_total{reason=\"UNDECODABLE\"} 1.0");
    }
  }

  @Test
  void aLedgerWithoutItsKeysRefusesToStartAndSaysWhichIsMissing(KafkaBroker kafka) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SpringApplicationBuilder(LedgerApplication.class).run(
            "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(), "--server.port=0", "--ledger.topics.create=false"))
        .hasStackTraceContaining("the ledger's MAC key is not set");
  }

  @Test
  void anOrderIdOwnedOnAnotherPartitionIsRejectedEvenAfterARestartFromEmptyState(KafkaBroker kafka) throws Exception {
    String run = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    String owner = "partner-a";
    String intruder = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "partner-" + i)
        .filter(p -> PartnerId.partitionOf(p, 3) != PartnerId.partitionOf(owner, 3)).findFirst().orElseThrow();
    try (ConfigurableApplicationContext first = startLedger(kafka, run)) {
      send(kafka, run, event(owner, "shared-order", null, PENDING, 500, 10));
      await().atMost(Duration.ofSeconds(60)).until(() -> CommittedRecords.lag(kafka, run + "ledger", run + "order-events") == 0);
    }
    // A new instance with no local state at all: its owner index can only come from replaying order-views.
    try (ConfigurableApplicationContext second = startLedger(kafka, run)) {
      send(kafka, run, event(intruder, "shared-order", null, PENDING, 900, 11));
      await().atMost(Duration.ofSeconds(60)).until(() -> CommittedRecords.lag(kafka, run + "ledger", run + "order-events") == 0);
    }

    List<ConsumerRecord<byte[], RejectedEvent>> rejects = CommittedRecords.readAll(kafka, run + "order-events-rejected",
        Serdes.ByteArray().deserializer(), SERDES.rejectedEvent().deserializer());
    assertThat(rejects).singleElement().satisfies(r -> {
      assertThat(r.value().getReason()).isEqualTo(RejectReason.ORDER_OWNED_BY_ANOTHER_PARTNER);
      assertThat(r.value().getEvent().getPartnerId()).isEqualTo(intruder);
    });
  }

  private static void send(KafkaBroker kafka, String run, OrderEvent... events) {
    kafka.awaitLeaders(run + "order-events");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (OrderEvent e : events) {
        producer.send(new ProducerRecord<>(run + "order-events", key(e), SERDES.orderEvent().serialize(null, e)));
      }
    }
  }

  private static byte[] key(OrderEvent e) {
    return e.getPartnerId().getBytes(StandardCharsets.UTF_8);
  }

  static ConfigurableApplicationContext startLedger(KafkaBroker kafka, String run) throws Exception {
    return new SpringApplicationBuilder(LedgerApplication.class).run(
        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--spring.kafka.streams.application-id=" + run + "ledger",
        "--spring.kafka.streams.state-dir=" + Files.createTempDirectory("ledger-it"),
        "--ledger.topics.order-events=" + run + "order-events",
        "--ledger.topics.order-views=" + run + "order-views",
        "--ledger.topics.wallet-journal=" + run + "wallet-journal",
        "--ledger.topics.rejected=" + run + "order-events-rejected",
        "--ledger.topics.wallet-discrepancies=" + run + "wallet-discrepancies",
        "--ledger.topics.order-owners=" + run + "order-owners",
        "--ledger.topics.decisions=" + run + "ledger-decisions",
        "--ledger.topics.checkpoints=" + run + "ledger-checkpoints",
        "--ledger.topics.partitions=3",
        // In-process, so not on any command line: a child process gets its keys from its environment (TestKeys).
        "--ledger.mac-key=" + TestKeys.LEDGER_MAC,
        "--ledger.checkpoints.signing-key=" + TestKeys.CHECKPOINT_PRIVATE,
        "--ledger.checkpoints.public-key=" + TestKeys.CHECKPOINT_PUBLIC,
        "--server.port=0");
  }

  private static String get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
