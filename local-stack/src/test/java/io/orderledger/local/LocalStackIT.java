package io.orderledger.local;

import static io.orderledger.local.StackChecks.apiOrders;
import static io.orderledger.local.StackChecks.apiWallets;
import static io.orderledger.local.StackChecks.changesOfOrdersPlacedAfter;
import static io.orderledger.local.StackChecks.differences;
import static io.orderledger.local.StackChecks.eventDifferences;
import static io.orderledger.local.StackChecks.expectedOrders;
import static io.orderledger.local.StackChecks.expectedWallets;
import static io.orderledger.testing.net.FreePorts.freePort;
import static io.orderledger.local.StackChecks.get;
import static io.orderledger.local.StackChecks.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.topic.TopicNames;
import io.orderledger.testing.kafka.CommittedRecords;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.kafka.KafkaBrokerExtension;
import io.orderledger.testing.seed.TestSeeds;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
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
    // A simulator step at most every 1.5 s, and only once the poller has written the step before (LockstepUpstream):
    // every state an order passes through must be seen by a poller that scans five sources on two cores shared with a
    // broker, the ledger and the query service, through their restarts. (On its own clock, at 700 ms one order's price
    // correction and failure fell between two scans of a poller just starting: one event for two changes; at 1 s it
    // happened again on 2026-12-04, in a full run after BrokerFaultsIT. The upstream's pace is the environment, not the
    // claim: the claim is that every state the poller saw reaches Kafka once.)
    LocalStack.Options options = new LocalStack.Options(Path.of("..").toAbsolutePath().normalize(), data, kafka.bootstrapServers(),
        freePort(), 0, freePort(), freePort(), freePort(), 1_500, 3,
        TestSeeds.seed("LocalStackIT", "local.stack.seed", 42), 6_000, Duration.ofSeconds(8), false);
    Map<String, Map<String, Object>> answersBefore = new HashMap<>();
    try (LocalStack stack = LocalStack.start(options, System.getProperty("java.class.path"));
         LockstepUpstream upstream = LockstepUpstream.start(stack, Duration.ofMillis(1_500))) {
      stack.awaitOrdersVisible(Duration.ofSeconds(120));
      int changesBeforeUp = JSON.readTree(get(stack.simulatorUrl() + "/control/status", null)).get("changes").asInt();
      // Let orders flow through every lifecycle for a while: until the simulator has made 1,500 more changes. On the
      // way, SIGKILL the ledger and then the query service: the supervisor starts each again, the rest keep running,
      // and everything checked below must hold as if nothing had happened.
      upstream.awaitChanges(changesBeforeUp + 400);
      Duration ledgerBack = killAndAwaitRestart(stack, "ledger");
      upstream.awaitChanges(changesBeforeUp + 800);
      Duration queryBack = killAndAwaitRestart(stack, "query");
      upstream.awaitChanges(changesBeforeUp + 1_500);
      // Changes inside a state are a few in a hundred, and where the window opens depends on how fast the stack came
      // up: 1,500 changes held 20 to 44 of them (20 once, on 2026-12-04, failing the check below). So the flow goes on
      // until the window holds enough of them, instead of hoping that it does.
      Awaitility.await("more than 20 changes inside a state, of orders placed once the stack was up").atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(2))
          .failFast(() -> assertThat(stack.deadService()).as("a service stopped").isNull())
          .until(() -> insideAStateSince(stack, changesBeforeUp) > 20);
      post(stack.simulatorUrl() + "/control/new-orders?perStep=0");
      Awaitility.await("the simulated upstream settles").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> JSON.readTree(get(stack.simulatorUrl() + "/control/status", null)).get("settled").asBoolean());
      JsonNode truth = JSON.readTree(get(stack.simulatorUrl() + "/control/truth", null));

      Map<String, Map<String, String>> expected = expectedOrders(truth);
      assertThat(expected.get("partner-a")).hasSizeGreaterThan(50);
      Map<String, List<JsonNode>> changes = changesOfOrdersPlacedAfter(changesBeforeUp,
          JSON.readTree(get(stack.simulatorUrl() + "/control/changes", null)));
      long intraState = changes.values().stream().flatMap(List::stream).filter(StackChecks::insideAState).count();
      assertThat(changes).as("orders placed once the stack was up").hasSizeGreaterThan(100);
      assertThat(intraState).as("changes inside a state made upstream").isGreaterThan(20);
      try {
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
      } catch (ConditionTimeoutException e) {
        // Say at which stage each differing order stopped: it makes a failure that does not come back on a rerun
        // (one was seen once, 2026-12-04: two gift-card orders missing from the API) a diagnosis instead of a mystery.
        throw new AssertionError(e.getMessage() + "\n" + StackChecks.whereOrdersStopped(kafka, stack, expected), e);
      }
      List<OrderEvent> events = CommittedRecords.readAll(kafka, TopicNames.ORDER_EVENTS, Serdes.ByteArray().deserializer(),
          EventSerdes.shipped().orderEvent().deserializer()).stream().map(record -> record.value()).toList();
      assertThat(eventDifferences(changes, events)).as("orders whose events differ from the changes made upstream").isEmpty();
      assertRedacted(events);
      int verified = auditVerifies(stack, kafka);
      int exported = exportEqualsTheStatement(stack, kafka);
      aKeyWithoutAuditReadSeesNoHistory(stack);
      noSecretOnACommandLineAndOperationsOffTheApiPort(stack);
      assertThat(stack.restarts("ledger")).isEqualTo(1);
      assertThat(stack.restarts("query")).isEqualTo(1);
      assertThat(stack.restarts("poller")).isZero();
      System.out.printf("[end-to-end] partner-a: %d orders, partner-b: %d orders over %d sources; states, amounts and %d wallets equal to the"
              + " simulator's; %d orders placed once the stack was up: their %d changes upstream (%d inside a state) each exactly one"
              + " event, in order; redacted fields absent; ledger-audit verify exit 0 over %d input records; export of a statement"
              + " period equal to the API's (%d entries)%n",
          expected.get("partner-a").size(), expected.get("partner-b").size(), truth.get("sources").size(), truth.get("wallets").size(),
          changes.size(), changes.values().stream().mapToInt(List::size).sum(), intraState, verified, exported);
      System.out.printf("[end-to-end] SIGKILLed mid-flow and started again by the supervisor: ledger (API showing its new orders %.1f s"
          + " after the kill), query service (first 200 %.1f s after the kill)%n", ledgerBack.toMillis() / 1e3, queryBack.toMillis() / 1e3);
      for (String[] demo : LocalStack.DEMO_KEYS) {
        answersBefore.put(demo[0], answers(stack, demo[1]));
      }
      // The services' class-data archives, trained in the background since the first start: every start below maps them.
      Awaitility.await("the class-data archives trained").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
          .until(stack::classDataTrained);
    }
    // Started again on the same data with a quiet upstream (no new orders), so that every answer must be as before.
    LocalStack.Options quiet = new LocalStack.Options(options.repository(), options.dataDir(), options.bootstrapServers(), options.apiPort(),
        options.brokerPort(), options.simulatorPort(), options.ledgerPort(), options.pollerPort(), options.simulatorTickMillis(), 0,
        options.seed() + 1, options.settleMillis(), options.settleWindow(), options.apiRateLimit());
    restartWithLostState(quiet, answersBefore);
    restartOfTheWholeStack(quiet);
  }

  /** Every order (id, state, amount) and every wallet balance the API shows for a key. */
  private Map<String, Object> answers(LocalStack stack, String key) throws Exception {
    return Map.of("orders", apiOrders(stack, key), "wallets", apiWallets(stack, key));
  }

  /**
   * A new disk: the ledger's and the query service's state folders are deleted while the stack is stopped. Started
   * again, they restore their stores from the changelogs, and the API answers exactly as before.
   */
  private void restartWithLostState(LocalStack.Options options, Map<String, Map<String, Object>> before) throws Exception {
    for (String state : List.of("ledger-state", "query-state")) {
      Path dir = options.dataDir().resolve(state);
      assertThat(dir).isDirectory();
      try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
      assertThat(dir).doesNotExist();
    }
    long begun = System.nanoTime();
    try (LocalStack stack = LocalStack.start(options, System.getProperty("java.class.path"))) {
      stack.awaitOrdersVisible(Duration.ofSeconds(180));
      double ready = (System.nanoTime() - begun) / 1e9;
      int orders = 0;
      for (String[] demo : LocalStack.DEMO_KEYS) {
        Map<String, Object> now = answers(stack, demo[1]);
        assertThat(now.get("wallets")).as("wallets of %s after restoring from the changelogs", demo[0]).isEqualTo(before.get(demo[0]).get("wallets"));
        @SuppressWarnings("unchecked")
        Map<String, String> expected = (Map<String, String>) before.get(demo[0]).get("orders");
        @SuppressWarnings("unchecked")
        Map<String, String> found = (Map<String, String>) now.get("orders");
        assertThat(differences(expected, found)).as("orders of %s after restoring from the changelogs", demo[0]).isEmpty();
        orders += found.size();
      }
      System.out.printf("[end-to-end] state folders of the ledger and the query service deleted while stopped: restored from the"
          + " changelogs, ready %.1f s after start, every one of %d orders and every wallet answered as before%n", ready, orders);
    }
  }

  /**
   * Stopped and started again on the same data, the stack prints its banner (readiness UP and orders listed) soon,
   * and from then on the API answers 200 to every request: the static members take their partitions back at once.
   */
  private void restartOfTheWholeStack(LocalStack.Options options) throws Exception {
    long begun = System.nanoTime();
    try (LocalStack stack = LocalStack.start(options, System.getProperty("java.class.path"))) {
      stack.awaitOrdersVisible(Duration.ofSeconds(120));
      double ready = (System.nanoTime() - begun) / 1e9;
      Map<Integer, Integer> statuses = new TreeMap<>();
      // Every probe, ten a second, must be a 200 for 15 s on end; one that is not fails the wait.
      Awaitility.await("every request 200 for 15 s after the restarted stack said it was ready").during(Duration.ofSeconds(15))
          .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/api/v1/orders?orderType=all&limit=5"))
                .header("X-API-KEY", LocalStack.DEMO_KEYS.get(0)[1]).build(), HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            return response.statusCode() == 200;
          });
      assertThat(statuses).as("statuses in the 15 s after the restarted stack said it was ready").containsOnlyKeys(200);
      for (String service : List.of("poller", "ledger", "query")) {
        // A JVM that cannot use its archive (another JDK, a changed class path) starts without it: only its mappings show.
        assertThat(stack.mapsClassDataArchive(service)).as("%s's memory maps its class-data archive", service).isTrue();
      }
      for (String service : List.of("ledger", "query")) {
        assertThat(stack.startedAheadOfTime(service)).as("%s started with its ahead-of-time context", service).isTrue();
      }
      System.out.printf("[end-to-end] whole stack stopped and started again: ready (readiness UP, orders listed) %.1f s after start,"
          + " the services mapping their class-data archives, the ledger and the query service with their ahead-of-time contexts; then %d requests over 15 s, every one 200%n", ready, statuses.get(200));
    }
  }

  /**
   * SIGKILLs a service and waits until the supervisor has started it again and the API shows an order placed after
   * the kill (so the ledger folds again) with a 200: how long that took from the kill.
   */
  private long insideAStateSince(LocalStack stack, int changesBeforeUp) throws Exception {
    return changesOfOrdersPlacedAfter(changesBeforeUp, JSON.readTree(get(stack.simulatorUrl() + "/control/changes", null))).values().stream()
        .flatMap(List::stream).filter(StackChecks::insideAState).count();
  }

  private Duration killAndAwaitRestart(LocalStack stack, String service) throws Exception {
    String key = LocalStack.DEMO_KEYS.get(0)[1];
    String newestBefore = newestOrder(stack, key);
    long pid = stack.pid(service);
    assertThat(pid).isPositive();
    long killed = System.nanoTime();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    Awaitility.await(service + " started again and the API current").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> stack.restarts(service) == 1 && stack.pid(service) > 0 && !newestOrder(stack, key).equals(newestBefore));
    return Duration.ofNanos(System.nanoTime() - killed);
  }

  /** The id of the newest order the API lists for a key (it fails unless the API answers 200). */
  private String newestOrder(LocalStack stack, String key) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/api/v1/orders?orderType=all&limit=1"))
        .header("X-API-KEY", key).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body()).get("data").get("orders").get(0).get("_id").asString();
  }

  /**
   * The audit tool re-folds the stack's order-events with its own rules: everything published matches, every
   * checkpoint's signature holds under the stack's public key, and the API serves partner-a what the rules give.
   */
  private static int auditVerifies(LocalStack stack, KafkaBroker kafka) throws Exception {
    Path report = Files.createTempDirectory("local-stack-audit");
    int exit = io.orderledger.audit.LedgerAudit.run("verify", "--bootstrap-servers", kafka.bootstrapServers(), "--report", report.toString(),
        "--public-key", "@" + stack.publicKeyFile(), "--api", stack.apiUrl(), "--api-key", LocalStack.DEMO_KEYS.get(0)[1], "--quiet");
    JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
    assertThat(exit).as("ledger-audit verify; report: %s", json.get("differenceList")).isZero();
    assertThat(json.get("partners").size()).isEqualTo(2);
    assertThat(json.get("checked").get("checkpoints").asLong()).as("signed checkpoints checked").isPositive();
    return json.get("checked").get("inputs").asInt();
  }

  /**
   * Secrets reach the services through their environment: none is on a command line (which ps shows every user), as
   * /proc says of each running service; and operations are on the query service's management port, not the API's.
   */
  private void noSecretOnACommandLineAndOperationsOffTheApiPort(LocalStack stack) throws Exception {
    for (String service : List.of("poller", "ledger", "query", "simulator")) {
      String commandLine = Files.readString(Path.of("/proc", String.valueOf(stack.pid(service)), "cmdline")).replace('\0', ' ');
      assertThat(commandLine).as("%s's command line", service).isNotBlank();
      for (String secret : stack.secretValues()) {
        assertThat(commandLine).as("%s's command line", service).doesNotContain(secret);
      }
    }
    HttpResponse<String> onTheApiPort = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(onTheApiPort.statusCode()).isEqualTo(404);
    assertThat(get(stack.managementUrl() + "/actuator/prometheus", null)).contains("query_views_applied_total");
  }

  /** partner-b's demo key holds no audit:read: the histories and statements (the sources' records, personal data) are refused. */
  private void aKeyWithoutAuditReadSeesNoHistory(LocalStack stack) throws Exception {
    String key = LocalStack.DEMO_KEYS.get(1)[1];
    String order = newestOrder(stack, key);
    for (String path : List.of("/api/v1/orders/" + URLEncoder.encode(order, StandardCharsets.UTF_8) + "/history",
        "/api/v1/wallet/statement?currency=GHS")) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path)).header("X-API-KEY", key).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(403);
    }
  }

  /** {@code ledger-audit export} of a period of partner-a's GHS statement is what the statement endpoint answers for it. */
  private int exportEqualsTheStatement(LocalStack stack, KafkaBroker kafka) throws Exception {
    String key = LocalStack.DEMO_KEYS.get(0)[1];
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
    assertThat(io.orderledger.audit.LedgerAudit.run("export", "--bootstrap-servers", kafka.bootstrapServers(), "--partner", "partner-a",
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

}
