package io.orderledger.query.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.topic.PartnerId;
import io.orderledger.ledger.model.EventSequences;
import io.orderledger.ledger.seal.CheckpointSigner;
import io.orderledger.ledger.seal.LedgerSeal;
import io.orderledger.ledger.topology.LedgerMetrics;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.ledger.topology.LedgerTopics;
import io.orderledger.ledger.topology.LedgerTopology;
import io.orderledger.events.seal.LedgerMac;
import io.orderledger.query.api.ApiKeyRegistry;
import io.orderledger.testing.kafka.CommittedRecords;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.kafka.SharedKafkaBroker;
import io.orderledger.testing.keys.TestKeys;
import io.orderledger.testing.net.FreePorts;
import io.orderledger.testing.seed.TestSeeds;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code asOf} is one clock: the ledger's booking time, monotonic per partner, shared by an order's answer and the
 * wallet's. Each partner's events come from two producers whose clocks disagree (one up to a minute behind), through
 * the real ledger topology on the broker and the real query service; then, at every time a movement was booked (and
 * just before it), every order of the partner as of that time and the wallet as of that time must agree: an order whose
 * latest booked movement is at or before T shows the wallet balance right after that movement, the wallet as of T
 * shows the last movement at or before T, and nothing booked after T shows in either.
 */
class AsOfAgreementIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final EventSerdes SERDES = EventSerdes.shipped();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anOrderAndTheWalletAsOfTheSameTimeAgreeUnderSkewedProducers() throws Exception {
    KafkaBroker kafka = SharedKafkaBroker.get();
    String run = "asof-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    QueryServiceRunner runner = new QueryServiceRunner(kafka, run);
    LedgerTopicNames names = LedgerTopicNames.defaults().prefixed(run);
    kafka.createTopics(QueryServiceRunner.PARTITIONS, names.rejected());
    kafka.createTopics(QueryServiceRunner.PARTITIONS, Map.of("cleanup.policy", "compact"), names.orderOwners());

    long seed = TestSeeds.seed("AsOfAgreementIT", "asof.seed", 7);
    List<EventSequences.Input> inputs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      inputs.addAll(EventSequences.generateWithoutSharedOrderIds(seed + i));
    }
    List<String> partners = inputs.stream().map(EventSequences.Input::key).distinct().sorted().toList();
    produce(kafka, names.orderEvents(), inputs);

    LedgerSeal seal = new LedgerSeal(LedgerMac.withKey(TestKeys.LEDGER_MAC),
        CheckpointSigner.of(TestKeys.CHECKPOINT_PRIVATE, TestKeys.CHECKPOINT_PUBLIC), 5, Duration.ofSeconds(10));
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, run + "ledger");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("asof-ledger").toString());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < partners.size(); i++) {
      String base = "--query.api-keys[" + (6 + i) + "].";
      keys.add(base + "partner-id=" + partners.get(i));
      keys.add(base + "key-sha256=" + ApiKeyRegistry.sha256Hex(key(partners.get(i))));
      keys.add(base + "permissions=orders:read,wallet:read,audit:read");
    }
    keys.add("--query.rate-limit.per-second=100000");
    keys.add("--query.rate-limit.burst=100000");
    int port = FreePorts.freePort();
    try (KafkaStreams ledger = new KafkaStreams(LedgerTopology.build(LedgerTopics.of(names, SERDES), SERDES, LedgerMetrics.none(), seal),
        config);
         ConfigurableApplicationContext app = runner.start(port, keys)) {
      ledger.start();
      // Everything decided, and the journal all served: the query service's statements hold every entry written.
      Awaitility.await("the ledger decides every input").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
          .ignoreExceptions().until(() -> CommittedRecords.lag(kafka, run + "ledger", names.orderEvents()) == 0);
      Map<String, Long> journal = new HashMap<>();
      CommittedRecords.readAll(kafka, names.walletJournal(), Serdes.ByteArray().deserializer(), SERDES.walletEntry().deserializer())
          .forEach(r -> journal.merge(r.value().getPartnerId(), 1L, Long::sum));
      Awaitility.await("the API serves every journal entry").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .ignoreExceptions().until(() -> {
            for (String partner : partners) {
              if (statementEntries(port, partner).size() != journal.getOrDefault(partner, 0L)) {
                return false;
              }
            }
            return true;
          });

      int times = 0;
      int orderAnswers = 0;
      for (String partner : partners) {
        List<JsonNode> entries = statementEntries(port, partner);
        List<String> orders = orders(port, partner);
        TreeSet<Long> probes = new TreeSet<>();
        for (JsonNode entry : entries) {
          probes.add(entry.get("bookedAt").asLong());
          probes.add(entry.get("bookedAt").asLong() - 1);
        }
        for (long t : probes) {
          times++;
          Map<String, JsonNode> wallet = new HashMap<>();
          get(port, partner, "/api/v1/wallet?asOf=" + t).get("data").get("wallets").forEach(w -> wallet.put(w.get("currency").asString(), w));
          for (String currency : currencies(entries)) {
            List<JsonNode> booked = entries.stream().filter(e -> e.get("currency").asString().equals(currency) && e.get("bookedAt").asLong() <= t)
                .toList();
            JsonNode served = wallet.get(currency);
            if (booked.isEmpty()) {
              assertThat(served == null || served.get("movements").asLong() == 0).as("%s %s as of %d: nothing booked yet", partner, currency, t).isTrue();
              continue;
            }
            JsonNode last = booked.get(booked.size() - 1);
            assertThat(served).as("%s %s wallet as of %d", partner, currency, t).isNotNull();
            assertThat(served.get("movements").asLong()).as("%s %s movements as of %d", partner, currency, t).isEqualTo(last.get("sequence").asLong());
            assertThat(served.get("balance").decimalValue()).as("%s %s balance as of %d", partner, currency, t)
                .isEqualByComparingTo(last.get("balanceAfter").decimalValue());
          }
          for (String orderId : orders) {
            orderAnswers++;
            List<JsonNode> ofOrder = entries.stream().filter(e -> e.get("orderId").asString().equals(orderId) && e.get("bookedAt").asLong() <= t)
                .toList();
            long journalSays = ofOrder.stream().mapToLong(AsOfAgreementIT::signedMinor).sum();
            HttpResponse<String> response = send(port, partner, "/api/v1/orders/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "?asOf=" + t);
            if (response.statusCode() == 404) {
              assertThat(JSON.readTree(response.body()).get("error").get("code").asString()).isEqualTo("ORDER_NOT_RECORDED_YET");
              assertThat(ofOrder).as("%s as of %d: not recorded yet, so nothing of it booked", orderId, t).isEmpty();
              continue;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode order = JSON.readTree(response.body()).get("data");
            if (order.get("isBulkOrder").asBoolean()) {
              continue; // its money depends on each recipient's state; the wallet check above covers its movements
            }
            assertThat(minor(order.get("amount"), order) * direction(order)).as("%s as of %d (%s): what its state and amount book, against"
                + " what the journal booked for it by then", orderId, t, order.get("state").asString()).isEqualTo(journalSays);
            if (!order.get("walletBalanceBefore").isNull()) {
              assertThat(ofOrder).as("%s as of %d shows a wallet balance, so its first movement was booked by then", orderId, t).isNotEmpty();
              assertThat(order.get("walletBalanceBefore").decimalValue()).isEqualByComparingTo(ofOrder.get(0).get("balanceBefore").decimalValue());
            }
          }
        }
      }
      assertThat(times).isGreaterThan(200);
      System.out.printf("[asof] seed %d: %d inputs from two producers per partner (clocks up to 60 s apart), %d partners; at %d booking"
          + " times, every wallet and %d order answers as of that time agreed%n", seed, inputs.size(), partners.size(), times, orderAnswers);
    }
  }

  /** A statement entry's movement, signed, in minor units. */
  private static long signedMinor(JsonNode entry) {
    long amount = io.orderledger.events.money.MinorUnits.fromDecimal(entry.get("amount").decimalValue(), entry.get("currency").asString());
    return "debit".equals(entry.get("direction").asString()) ? -amount : amount;
  }

  private static long minor(JsonNode amount, JsonNode order) {
    return io.orderledger.events.money.MinorUnits.fromDecimal(amount.decimalValue(), order.get("currency").asString());
  }

  /**
   * What an order in its state keeps booked, per unit of its amount: a purchase is charged until it fails or is reversed;
   * a top-up is credited once completed, until reversed; a sale (EventSequences' product orders) likewise.
   */
  private static int direction(JsonNode order) {
    String state = order.get("state").asString();
    return switch (order.get("orderType").asString()) {
      case "top_up", "product" -> state.equals("completed") ? 1 : 0;
      default -> state.equals("failed") || state.equals("reversed") ? 0 : -1;
    };
  }

  private static String key(String partner) {
    return "asof-key-of-" + partner;
  }

  private static void produce(KafkaBroker kafka, String topic, List<EventSequences.Input> inputs) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (EventSequences.Input input : inputs) {
        byte[] value = input.event() == null ? input.raw() : SERDES.orderEvent().serializer().serialize(topic, input.event());
        producer.send(new ProducerRecord<>(topic, PartnerId.partitionOf(input.key(), QueryServiceRunner.PARTITIONS), input.timestamp(),
            input.key().getBytes(StandardCharsets.UTF_8), value));
      }
      producer.flush();
    }
  }

  private static List<String> currencies(List<JsonNode> entries) {
    return entries.stream().map(e -> e.get("currency").asString()).distinct().toList();
  }

  private List<JsonNode> statementEntries(int port, String partner) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode wallet : get(port, partner, "/api/v1/wallet").get("data").get("wallets")) {
      String cursor = null;
      do {
        JsonNode data = get(port, partner, "/api/v1/wallet/statement?limit=100&currency=" + wallet.get("currency").asString()
            + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))).get("data");
        data.get("entries").forEach(all::add);
        cursor = data.get("isDone").asBoolean() ? null : data.get("continueCursor").asString();
      } while (cursor != null);
    }
    return all;
  }

  private List<String> orders(int port, String partner) throws Exception {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode data = get(port, partner, "/api/v1/orders?orderType=all&limit=100"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))).get("data");
      data.get("orders").forEach(o -> ids.add(o.get("_id").asString()));
      cursor = data.get("isDone").asBoolean() ? null : data.get("continueCursor").asString();
    } while (cursor != null);
    return ids;
  }

  private JsonNode get(int port, String partner, String path) throws Exception {
    HttpResponse<String> response = send(port, partner, path);
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(int port, String partner, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-API-KEY", key(partner)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
