package io.orderledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.topic.TopicNames;
import io.orderledger.testing.kafka.CommittedRecords;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.kafka.KafkaBrokerExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end on a real broker: simulator → poller → ledger → query service, each its own process as
 * {@code ./run-local.sh} runs them. Orders flow for a while, then the simulator stops placing new ones and lets the
 * rest settle; the API must then show, for every partner, exactly the simulator's orders (every id, state and
 * amount), and each wallet (every partner, every currency, Paystack sales credited) must equal the simulator's own sum
 * of charges, refunds, top-ups and sales. Every change the simulator made to an order placed once the stack was up,
 * the ones inside a state included (providerRef set, an error message on a retry, a partial delivery, a price
 * correction), must be exactly one event in {@code order-events}, in order; and the personal data the demo redacts
 * must not be in them. A poller sees what a source shows when it asks: the simulator's clock ticks slower than a
 * poll cycle so that no change is overwritten before it can be seen, and orders placed while the services were still
 * starting (their early changes never shown to anyone) count for the states and wallets only.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LocalStackIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theApiShowsExactlyTheSimulatorsOrdersAndWallets(KafkaBroker kafka) throws Exception {
    Path data = Files.createTempDirectory("local-stack-it");
    LocalStack.Options options = new LocalStack.Options(Path.of("..").toAbsolutePath().normalize(), data, kafka.bootstrapServers(),
        freePort(), 0, freePort(), freePort(), freePort(), 700, 3, 42, 6_000, Duration.ofSeconds(8), false);
    try (LocalStack stack = LocalStack.start(options, System.getProperty("java.class.path"))) {
      stack.awaitOrdersVisible(Duration.ofSeconds(120));
      int changesBeforeUp = JSON.readTree(get(stack.simulatorUrl() + "/control/status", null)).get("changes").asInt();
      // Let orders flow through every lifecycle for a while: until the simulator has made 1,500 more changes.
      Awaitility.await("1,500 upstream changes").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
          .until(() -> JSON.readTree(get(stack.simulatorUrl() + "/control/status", null)).get("changes").asInt() >= changesBeforeUp + 1_500);
      post(stack.simulatorUrl() + "/control/new-orders?perStep=0");
      Awaitility.await("the simulated upstream settles").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> JSON.readTree(get(stack.simulatorUrl() + "/control/status", null)).get("settled").asBoolean());
      JsonNode truth = JSON.readTree(get(stack.simulatorUrl() + "/control/truth", null));

      Map<String, Map<String, String>> expected = expectedOrders(truth);
      assertThat(expected.get("partner-a")).hasSizeGreaterThan(50);
      Map<String, List<JsonNode>> changes = changesOfOrdersPlacedAfter(changesBeforeUp,
          JSON.readTree(get(stack.simulatorUrl() + "/control/changes", null)));
      long intraState = changes.values().stream().flatMap(List::stream).filter(LocalStackIT::insideAState).count();
      assertThat(changes).as("orders placed once the stack was up").hasSizeGreaterThan(100);
      assertThat(intraState).as("changes inside a state made upstream").isGreaterThan(20);
      Awaitility.await("the API shows the simulator's orders and wallets").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .failFast(() -> assertThat(stack.deadService()).as("a service stopped").isNull())
          .untilAsserted(() -> {
            for (String[] demo : LocalStack.DEMO_KEYS) {
              assertThat(differences(expected.get(demo[0]), apiOrders(stack, demo[1])))
                  .as("orders of %s where the API and the simulator differ (id: simulator / API)", demo[0]).isEmpty();
              assertThat(apiWallets(stack, demo[1])).as("wallets of %s", demo[0]).isEqualTo(expectedWallets(truth, demo[0]));
            }
          });
      List<OrderEvent> events = CommittedRecords.readAll(kafka, TopicNames.ORDER_EVENTS, Serdes.ByteArray().deserializer(),
          EventSerdes.shipped().orderEvent().deserializer()).stream().map(record -> record.value()).toList();
      assertThat(eventDifferences(changes, events)).as("orders whose events differ from the changes made upstream").isEmpty();
      assertRedacted(events);
      int verified = auditVerifies(kafka);
      int exported = exportEqualsTheStatement(stack, kafka);
      System.out.printf("[end-to-end] partner-a: %d orders, partner-b: %d orders over %d sources; states, amounts and %d wallets equal to the"
              + " simulator's; %d orders placed once the stack was up: their %d changes upstream (%d inside a state) each exactly one"
              + " event, in order; redacted fields absent; ledger-audit verify exit 0 over %d input records; export of a statement"
              + " period equal to the API's (%d entries)%n",
          expected.get("partner-a").size(), expected.get("partner-b").size(), truth.get("sources").size(), truth.get("wallets").size(),
          changes.size(), changes.values().stream().mapToInt(List::size).sum(), intraState, verified, exported);
    }
  }

  /** Partner → order id (as the API names it) → "state amount". */
  private static Map<String, Map<String, String>> expectedOrders(JsonNode truth) {
    Map<String, Map<String, String>> expected = new HashMap<>();
    for (JsonNode source : truth.get("sources")) {
      Map<String, String> orders = expected.computeIfAbsent(source.get("partnerId").asString(), p -> new HashMap<>());
      boolean netConnect = source.get("shape").asString().equals("NETCONNECT");
      for (JsonNode order : source.get("orders")) {
        String id = netConnect ? order.get("id").asString() : source.get("id").asString() + ":" + order.get("id").asString();
        orders.put(id, order.get("state").asString() + " " + BigDecimal.valueOf(order.get("amountMinor").asLong(), 2).toPlainString());
      }
    }
    return expected;
  }

  /** The audit tool re-folds the stack's order-events with the ledger's rules: everything published matches. */
  private static int auditVerifies(KafkaBroker kafka) throws Exception {
    Path report = Files.createTempDirectory("local-stack-audit");
    int exit = io.orderledger.audit.LedgerAudit.run("verify", "--bootstrap-servers", kafka.bootstrapServers(), "--report", report.toString(),
        "--quiet");
    JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
    assertThat(exit).as("ledger-audit verify; report: %s", json.get("differenceList")).isZero();
    assertThat(json.get("partners").size()).isEqualTo(2);
    return json.get("checked").get("inputs").asInt();
  }

  /** {@code ledger-audit export} of a period of partner-b's GHS statement is what the statement endpoint answers for it. */
  private int exportEqualsTheStatement(LocalStack stack, KafkaBroker kafka) throws Exception {
    String key = LocalStack.DEMO_KEYS.get(1)[1];
    JsonNode first = JSON.readTree(get(stack.apiUrl() + "/api/v1/wallet/statement?currency=GHS&limit=100", key)).get("data").get("entries");
    long from = first.get(10).get("bookedAt").asLong();
    long to = first.get(first.size() - 10).get("bookedAt").asLong();
    List<JsonNode> api = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode data = JSON.readTree(get(stack.apiUrl() + "/api/v1/wallet/statement?currency=GHS&limit=7&from=" + from + "&to=" + to
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), key)).get("data");
      data.get("entries").forEach(api::add);
      cursor = data.get("isDone").asBoolean() ? null : data.get("continueCursor").asString();
    } while (cursor != null);
    Path exported = Files.createTempFile("statement", ".jsonl");
    assertThat(io.orderledger.audit.LedgerAudit.run("export", "--bootstrap-servers", kafka.bootstrapServers(), "--partner", "partner-b",
        "--currency", "GHS", "--from", String.valueOf(from), "--to", String.valueOf(to), "--format", "jsonl", "--output", exported.toString()))
        .isZero();
    List<JsonNode> rows = Files.readAllLines(exported).stream().map(JSON::readTree).toList();
    assertThat(rows).hasSameSizeAs(api).hasSizeGreaterThan(20);
    for (int i = 0; i < rows.size(); i++) {
      for (String field : List.of("sequence", "kind", "direction", "currency", "orderId", "eventId", "entryId", "occurredAt", "bookedAt",
          "previousHash", "hash")) {
        assertThat(rows.get(i).get(field)).as("row %d %s", i, field).isEqualTo(api.get(i).get(field));
      }
      for (String money : List.of("amount", "balanceBefore", "balanceAfter")) {
        assertThat(rows.get(i).get(money).decimalValue()).as("row %d %s", i, money).isEqualByComparingTo(api.get(i).get(money).decimalValue());
      }
    }
    return rows.size();
  }

  /** A change that moved no state and created nothing: providerRef, an error message, an amount, a delivery... */
  private static boolean insideAState(JsonNode change) {
    List<String> what = new ArrayList<>();
    change.get(6).forEach(w -> what.add(w.asString()));
    return !what.contains("created") && !what.contains("state") && !what.contains("recipients");
  }

  /**
   * The simulator's changes ({@code [source, order id, state, recipients, at, shape, what]}) by order id as the API
   * names it, for the orders placed at or after change number {@code first}.
   */
  private static Map<String, List<JsonNode>> changesOfOrdersPlacedAfter(int first, JsonNode changes) {
    Map<String, List<JsonNode>> byOrder = new LinkedHashMap<>();
    java.util.Set<String> placedBefore = new java.util.HashSet<>();
    int index = 0;
    for (JsonNode change : changes) {
      boolean netConnect = change.get(5).asString().equals("NETCONNECT");
      String id = netConnect ? change.get(1).asString() : change.get(0).asString() + ":" + change.get(1).asString();
      if (index++ < first) {
        placedBefore.add(id);
      } else if (!placedBefore.contains(id)) {
        byOrder.computeIfAbsent(id, k -> new ArrayList<>()).add(change);
      }
    }
    return byOrder;
  }

  /**
   * Per order: as many events as changes, in the same order, each with the change's state; a change inside a state is
   * an event that keeps the state and names the fields that changed.
   */
  private static List<String> eventDifferences(Map<String, List<JsonNode>> changes, List<OrderEvent> events) {
    Map<String, List<OrderEvent>> byOrder = new LinkedHashMap<>();
    events.stream().filter(e -> changes.containsKey(e.getOrderId()))
        .forEach(e -> byOrder.computeIfAbsent(e.getOrderId(), k -> new ArrayList<>()).add(e));
    List<String> differences = new ArrayList<>();
    java.util.Set<String> orders = new java.util.TreeSet<>(changes.keySet());
    for (String order : orders) {
      List<JsonNode> made = changes.getOrDefault(order, List.of());
      List<OrderEvent> seen = byOrder.getOrDefault(order, List.of());
      if (made.size() != seen.size()) {
        differences.add(order + ": " + made.size() + " changes upstream " + made.stream().map(c -> c.get(2).asString() + c.get(6)).toList()
            + ", " + seen.size() + " events " + seen.stream().map(e -> e.getState() + "" + e.getChangedFields() + "@" + e.getEventId()).toList());
        continue;
      }
      for (int i = 0; i < made.size(); i++) {
        JsonNode change = made.get(i);
        OrderEvent event = seen.get(i);
        boolean sameState = event.getState().name().equalsIgnoreCase(change.get(2).asString());
        boolean intraStateRecorded = !insideAState(change)
            || event.getPreviousState() == event.getState() && !event.getChangedFields().isEmpty();
        if (!sameState || !intraStateRecorded) {
          differences.add(order + " change " + (i + 1) + ": upstream " + change + ", event " + event.getState() + " from "
              + event.getPreviousState() + " changing " + event.getChangedFields());
        }
      }
    }
    return differences;
  }

  /** The demo drops the gift-card buyer's email and hashes the Paystack customer's: neither reaches Kafka as it was. */
  private static void assertRedacted(List<OrderEvent> events) {
    List<JsonNode> giftCards = sourceRecords(events, "gc-a");
    List<JsonNode> sales = sourceRecords(events, "ps-b");
    assertThat(giftCards).isNotEmpty().allSatisfy(record -> assertThat(record.has("email")).as("gift-card email dropped").isFalse());
    assertThat(sales).isNotEmpty().allSatisfy(record -> assertThat(record.get("customer").get("email").asString())
        .as("Paystack customer email hashed").startsWith("hmac-sha256:"));
  }

  private static List<JsonNode> sourceRecords(List<OrderEvent> events, String sourceId) {
    return events.stream().filter(e -> sourceId.equals(e.getSource())).map(e -> JSON.readTree(e.getSourceRecord().getJson())).toList();
  }

  /** Currency → balance, for every wallet the simulator holds for the partner. */
  private static Map<String, BigDecimal> expectedWallets(JsonNode truth, String partner) {
    Map<String, BigDecimal> wallets = new TreeMap<>();
    truth.get("wallets").properties().forEach(wallet -> {
      String[] partnerAndCurrency = wallet.getKey().split("\\|");
      if (partnerAndCurrency[0].equals(partner)) {
        wallets.put(partnerAndCurrency[1], BigDecimal.valueOf(wallet.getValue().asLong(), 2));
      }
    });
    return wallets;
  }

  private Map<String, BigDecimal> apiWallets(LocalStack stack, String key) throws Exception {
    Map<String, BigDecimal> wallets = new TreeMap<>();
    for (JsonNode wallet : JSON.readTree(get(stack.apiUrl() + "/api/v1/wallet", key)).get("data").get("wallets")) {
      wallets.put(wallet.get("currency").asString(), wallet.get("balance").decimalValue().setScale(2));
    }
    return wallets;
  }

  /** Order id: simulator's "state amount" / API's, for every order where they differ, missing ones included. */
  private static java.util.List<String> differences(Map<String, String> simulator, Map<String, String> api) {
    java.util.Set<String> ids = new java.util.TreeSet<>(simulator.keySet());
    ids.addAll(api.keySet());
    return ids.stream().filter(id -> !java.util.Objects.equals(simulator.get(id), api.get(id)))
        .map(id -> id + ": " + simulator.get(id) + " / " + api.get(id)).toList();
  }

  /** Every order the API lists for a key, paged to the end. */
  private Map<String, String> apiOrders(LocalStack stack, String key) throws Exception {
    Map<String, String> orders = new HashMap<>();
    String cursor = null;
    while (true) {
      JsonNode data = JSON.readTree(get(stack.apiUrl() + "/api/v1/orders?orderType=all&limit=100"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), key)).get("data");
      for (JsonNode order : data.get("orders")) {
        orders.put(order.get("_id").asString(), order.get("state").asString() + " " + order.get("amount").decimalValue().setScale(2).toPlainString());
      }
      if (data.get("isDone").asBoolean()) {
        return orders;
      }
      cursor = data.get("continueCursor").asString();
    }
  }

  private String get(String url, String key) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (key != null) {
      request.header("X-API-KEY", key);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s answered %s", url, response.body()).isEqualTo(200);
    return response.body();
  }

  private void post(String url) throws IOException, InterruptedException {
    http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
