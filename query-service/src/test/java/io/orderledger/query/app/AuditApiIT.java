package io.orderledger.query.app;

import static io.orderledger.query.Audits.chain;
import static io.orderledger.query.Audits.decision;
import static io.orderledger.query.Audits.event;
import static io.orderledger.query.Views.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.DecisionMovement;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.kafka.SharedKafkaBroker;
import io.orderledger.testing.net.FreePorts;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail over HTTP against the real service reading a real broker: an order's history, an order and a wallet
 * as of a time, the wallet statement with its hash chain (and a journal tampered with, two ways), the list by creation
 * time; bad times and ranges, cursors of another endpoint, permissions, and another partner's data.
 */
class AuditApiIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String A = "key-of-partner-a";
  private static final String B = "key-of-partner-b";
  private static final String C = "key-of-partner-c";
  private static final long T0 = 1_775_000_000_000L;
  private static QueryServiceRunner runner;
  private static ConfigurableApplicationContext app;
  private static int port;

  @BeforeAll
  static void startServiceWithData() throws Exception {
    KafkaBroker kafka = SharedKafkaBroker.get();
    runner = new QueryServiceRunner(kafka, "audit-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    List<OrderView> views = new ArrayList<>();
    OrderState[] lifecycle = {OrderState.PENDING, OrderState.PROCESSING, OrderState.COMPLETED};
    for (int v = 1; v <= 3; v++) {
      views.add(OrderView.newBuilder(view("partner-a", "o1", OrderType.DATA, lifecycle[v - 1], T0, v)).setBookedAt(T0 + v * 1_000L).build());
    }
    for (int i = 0; i < 200; i++) {
      views.add(view("partner-a", "w" + i, i % 2 == 0 ? OrderType.DATA : OrderType.AIRTIME, OrderState.COMPLETED, T0 + 10_000 + i * 1_000L, 1));
    }
    views.add(OrderView.newBuilder(view("partner-b", "b1", OrderType.DATA, OrderState.PENDING, T0, 1)).setBookedAt(T0 + 1_000).build());
    List<WalletEntry> journal = new ArrayList<>(chain("partner-a", "GHS", 60, T0));
    journal.addAll(chain("partner-b", "GHS", 5, T0));
    journal.addAll(chain("partner-c", "GHS", 10, T0));
    runner.send(views, journal);

    DecisionMovement debit = new DecisionMovement("e1/ORDER_DEBIT", io.orderledger.events.MovementKind.ORDER_DEBIT,
        io.orderledger.events.MovementDirection.DEBIT, 425L, "GHS", 1_000_000L, 999_575L, 2L, "ab".repeat(32));
    List<LedgerDecisionRecord> decisions = List.of(
        decision("partner-a", "o1", "e1", DecisionKind.APPLIED, T0 + 1_000, 0, null, OrderState.PENDING, List.of(debit)),
        decision("partner-a", "o1", "e2", DecisionKind.APPLIED, T0 + 2_000, 1, OrderState.PENDING, OrderState.PROCESSING, List.of()),
        decision("partner-a", "o1", "e2", DecisionKind.DUPLICATE, T0 + 2_500, 2, OrderState.PROCESSING, OrderState.PROCESSING, List.of()),
        decision("partner-a", "o1", "e4", DecisionKind.REJECTED, T0 + 2_600, 3, OrderState.PROCESSING, OrderState.PENDING, List.of()),
        decision("partner-a", "o1", "e3", DecisionKind.APPLIED, T0 + 3_000, 4, OrderState.PROCESSING, OrderState.COMPLETED, List.of()),
        decision("partner-b", "b1", "eb1", DecisionKind.APPLIED, T0 + 1_000, 5, null, OrderState.PENDING, List.of()));
    List<OrderEvent> events = List.of(event("partner-a", "o1", "e1", OrderState.PENDING, T0 + 900),
        event("partner-a", "o1", "e2", OrderState.PROCESSING, T0 + 1_900), event("partner-a", "o1", "e3", OrderState.COMPLETED, T0 + 2_900),
        event("partner-b", "b1", "eb1", OrderState.PENDING, T0 + 900));
    runner.sendAudit(decisions, events);
    runner.sendDiscrepancies(List.of(discrepancy("partner-a", "o1", "e1", T0 + 1_000), discrepancy("partner-a", "w7", "w7e", T0 + 5_000),
        discrepancy("partner-b", "b1", "eb1", T0 + 1_000)));

    port = FreePorts.freePort();
    app = runner.start(port, List.of("--query.rate-limit.enabled=false"));
    await().atMost(Duration.ofSeconds(90)).until(() -> runner.readiness(port).statusCode() == 200
        && history("o1", A).size() == 5 && statementSize(C) == 10 && statementSize(A) == 60
        && runner.get(port, "/api/v1/orders/o1/history", B).statusCode() == 404 && history("b1", B).size() == 1
        && runner.get(port, "/api/v1/wallet/discrepancies", A).body().contains("w7"));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  private static JsonNode data(String path, String key) {
    HttpResponse<String> response = runner.get(port, path, key);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json(response).get("data");
  }

  private static List<JsonNode> history(String orderId, String key) {
    HttpResponse<String> response = runner.get(port, "/api/v1/orders/" + orderId + "/history?limit=100", key);
    List<JsonNode> entries = new ArrayList<>();
    if (response.statusCode() == 200) {
      json(response).get("data").get("history").forEach(entries::add);
    }
    return entries;
  }

  private static int statementSize(String key) {
    HttpResponse<String> response = runner.get(port, "/api/v1/wallet/statement?limit=100", key);
    return response.statusCode() == 200 ? json(response).get("data").get("entries").size() : -1;
  }

  private static void assertError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(json(response).get("error").get("code").asString()).isEqualTo(code);
    assertThat(response.body()).doesNotContain("Exception");
  }

  private static String encoded(String cursor) {
    return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }

  // --- history ---

  @Test
  void anOrdersHistoryIsEveryDecisionOldestFirstWithWhatTheSourceSaid() {
    List<JsonNode> history = history("o1", A);

    assertThat(history).extracting(e -> e.get("eventId").asString()).containsExactly("e1", "e2", "e2", "e4", "e3");
    assertThat(history).extracting(e -> e.get("decision").asString()).containsExactly("applied", "applied", "duplicate", "rejected", "applied");
    JsonNode first = history.get(0);
    assertThat(first.get("stateBefore").isNull()).isTrue();
    assertThat(first.get("stateAfter").asString()).isEqualTo("pending");
    assertThat(first.get("versionAfter").asLong()).isEqualTo(1);
    assertThat(first.get("movements").get(0).get("balanceAfter").decimalValue()).isEqualByComparingTo("9995.75");
    assertThat(first.get("movements").get(0).get("sequence").asLong()).isEqualTo(2);
    assertThat(first.get("source").get("nativeStatus").asString()).isEqualTo("pending");
    assertThat(first.get("sourceRecord").get("state").asString()).as("the source's own record").isEqualTo("pending");
    assertThat(history.get(3).get("rejectReason").asString()).isEqualTo("INVALID_TRANSITION");
    assertThat(history.get(3).get("sourceRecord").isNull()).as("no source record for e4 was ever kept").isTrue();
  }

  @Test
  void aHistoryPagesByCursorAndItsCursorServesNoOtherEndpoint() {
    JsonNode page = data("/api/v1/orders/o1/history?limit=2", A);
    String cursor = page.get("continueCursor").asString();
    JsonNode next = data("/api/v1/orders/o1/history?limit=2&cursor=" + encoded(cursor), A);

    assertThat(page.get("history")).hasSize(2);
    assertThat(page.get("isDone").asBoolean()).isFalse();
    assertThat(next.get("history").get(0).get("decision").asString()).isEqualTo("duplicate");
    assertError(runner.get(port, "/api/v1/orders?orderType=all&cursor=" + encoded(cursor), A), 400, "INVALID_CURSOR");
    assertError(runner.get(port, "/api/v1/orders/w1/history?cursor=" + encoded(cursor), A), 400, "INVALID_CURSOR");
    assertError(runner.get(port, "/api/v1/wallet/statement?cursor=" + encoded(cursor), A), 400, "INVALID_CURSOR");
    String listCursor = data("/api/v1/orders?orderType=all&limit=1", A).get("continueCursor").asString();
    assertError(runner.get(port, "/api/v1/orders/o1/history?cursor=" + encoded(listCursor), A), 400, "INVALID_CURSOR");
  }

  // --- asOf ---

  @Test
  void anOrderAsOfATimeIsTheVersionTheLedgerHadAppliedThen() {
    assertError(runner.get(port, "/api/v1/orders/o1?asOf=" + (T0 + 999), A), 404, "ORDER_NOT_RECORDED_YET");
    assertError(runner.get(port, "/api/v1/orders/o1?asOf=" + (T0 + 999), B), 404, "ORDER_NOT_FOUND"); // another partner's: never revealed
    assertError(runner.get(port, "/api/v1/orders/no-such-order?asOf=" + (T0 + 999), A), 404, "ORDER_NOT_FOUND");
    assertThat(data("/api/v1/orders/o1?asOf=" + (T0 + 1_000), A).get("state").asString()).isEqualTo("pending");
    assertThat(data("/api/v1/orders/o1?asOf=" + (T0 + 2_999), A).get("state").asString()).isEqualTo("processing");
    assertThat(data("/api/v1/orders/o1?asOf=" + Instant.ofEpochMilli(T0 + 3_000), A).get("state").asString()).as("RFC 3339").isEqualTo("completed");
    assertThat(data("/api/v1/orders/o1?asOf=" + Instant.ofEpochMilli(T0 + 3_000), A)).isEqualTo(data("/api/v1/orders/o1", A));
  }

  @Test
  void theWalletAsOfATimeIsTheBalanceItsLastEntryByThenLeft() {
    JsonNode then = data("/api/v1/wallet?asOf=" + (T0 + 3_500), A);
    JsonNode statement = data("/api/v1/wallet/statement?to=" + (T0 + 3_500) + "&limit=100", A).get("entries");

    assertThat(then.get("balance").decimalValue()).isEqualByComparingTo(statement.get(statement.size() - 1).get("balanceAfter").decimalValue());
    assertThat(then.get("wallets").get(0).get("movements").asLong()).isEqualTo(3);
    assertThat(then.get("asOf").asLong()).isEqualTo(T0 + 3_500);
    assertThat(data("/api/v1/wallet?asOf=" + (T0 - 1), A).get("wallets")).as("before any movement").isEmpty();
  }

  @Test
  void timesThatDoNotParseOrLieAheadAreInvalidTimeAndAReversedPeriodIsInvalidRange() {
    for (String bad : List.of("yesterday", "2026-13-01T00:00:00Z", "1e12", "-5", String.valueOf(System.currentTimeMillis() + 3_600_000))) {
      assertError(runner.get(port, "/api/v1/orders/o1?asOf=" + encoded(bad), A), 400, "INVALID_TIME");
      assertError(runner.get(port, "/api/v1/wallet?asOf=" + encoded(bad), A), 400, "INVALID_TIME");
      assertError(runner.get(port, "/api/v1/wallet/statement?from=" + encoded(bad), A), 400, "INVALID_TIME");
      assertError(runner.get(port, "/api/v1/orders?createdTo=" + encoded(bad), A), 400, "INVALID_TIME");
    }
    assertError(runner.get(port, "/api/v1/wallet/statement?from=" + (T0 + 5_000) + "&to=" + T0, A), 400, "INVALID_RANGE");
    assertError(runner.get(port, "/api/v1/orders?createdFrom=" + (T0 + 5_000) + "&createdTo=" + T0, A), 400, "INVALID_RANGE");
    assertError(runner.get(port, "/api/v1/wallet/statement?currency=CEDI", A), 400, "INVALID_CURRENCY");
  }

  // --- statement ---

  @Test
  void aStatementPeriodIsItsMovementsInSequenceOrderWithContinuousBalancesAndAVerifiedChain() {
    JsonNode page = data("/api/v1/wallet/statement?currency=GHS&from=" + (T0 + 20_000) + "&to=" + (T0 + 39_000) + "&limit=10", A);
    List<JsonNode> entries = new ArrayList<>();
    page.get("entries").forEach(entries::add);
    JsonNode rest = data("/api/v1/wallet/statement?currency=GHS&from=" + (T0 + 20_000) + "&to=" + (T0 + 39_000) + "&limit=10&cursor="
        + encoded(page.get("continueCursor").asString()), A);
    rest.get("entries").forEach(entries::add);

    assertThat(entries).extracting(e -> e.get("sequence").asLong()).containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(20, 39).boxed().toList());
    for (int i = 1; i < entries.size(); i++) {
      assertThat(entries.get(i).get("balanceBefore").decimalValue()).isEqualByComparingTo(entries.get(i - 1).get("balanceAfter").decimalValue());
      assertThat(entries.get(i).get("previousHash").asString()).isEqualTo(entries.get(i - 1).get("hash").asString());
    }
    assertThat(rest.get("isDone").asBoolean()).isTrue();
    assertThat(page.get("chain").get("status").asString()).isEqualTo("verified");
    assertThat(page.get("chain").get("checkedThrough").asLong()).isEqualTo(60);
  }

  @Test
  void aForgedJournalEntryMovesNoBalanceIsNamedAtItsSequenceAndTheGenuineOneStillApplies() {
    List<WalletEntry> real = chain("partner-c", "GHS", 11, T0);
    java.math.BigDecimal before = data("/api/v1/wallet", C).get("balance").decimalValue();
    // Well chained after partner-c's head, as someone who read the README would forge it; without the ledger's seal.
    WalletEntry forged = WalletEntry.newBuilder(real.get(10)).setAmountMinor(1_000_000_000L)
        .setDirection(io.orderledger.events.MovementDirection.CREDIT).setBalanceAfterMinor(real.get(10).getBalanceBeforeMinor() + 1_000_000_000L)
        .setHash(null).build();
    forged.setHash(io.orderledger.events.journal.JournalChain.hash(forged.getPreviousHash(), forged));
    runner.sendRaw("wallet-journal", "partner-c", QueryServiceRunner.SERDES.walletEntry().serialize(null, forged));

    await().atMost(Duration.ofSeconds(30)).until(() -> data("/api/v1/wallet/statement?limit=100", C).get("chain").get("refusedEntries").asLong() == 1);
    JsonNode chain = data("/api/v1/wallet/statement?limit=100", C).get("chain");
    assertThat(chain.get("status").asString()).isEqualTo("broken");
    assertThat(chain.get("firstBrokenSequence").asLong()).isEqualTo(11);
    assertThat(chain.get("problem").asString()).isEqualTo("unauthenticated");
    assertThat(statementSize(C)).as("the forgery is not in the statement").isEqualTo(10);
    assertThat(data("/api/v1/wallet", C).get("balance").decimalValue()).as("nor in the balance").isEqualByComparingTo(before);
    assertThat(data("/api/v1/wallet", C).get("wallets").get(0).get("chain").get("status").asString()).isEqualTo("broken");

    runner.send(List.of(), List.of(real.get(10))); // the ledger's own entry 11
    await().atMost(Duration.ofSeconds(30)).until(() -> statementSize(C) == 11);
    assertThat(data("/api/v1/wallet", C).get("balance").decimalValue()).isEqualByComparingTo(
        io.orderledger.events.money.MinorUnits.toDecimal(real.get(10).getBalanceAfterMinor(), "GHS"));
    assertThat(data("/api/v1/wallet/statement?limit=100", C).get("chain").get("checkedThrough").asLong()).isEqualTo(11);
    assertThat(data("/api/v1/wallet/statement?limit=100", A).get("chain").get("status").asString()).as("other wallets").isEqualTo("verified");
  }

  @Test
  void aJournalCopiedWithoutOneEntryIsFoundAtTheMissingSequenceAndNothingAfterItIsServed() throws Exception {
    // A compaction-free rewrite: partner-a's journal, every record still sealed, copied to another topic without entry
    // 30, read by another instance. The gap breaks the chain: the balance stays at entry 29's.
    List<WalletEntry> copy = new ArrayList<>(chain("partner-a", "GHS", 60, T0));
    copy.remove(29);
    SharedKafkaBroker.get().createTopics(QueryServiceRunner.PARTITIONS, runner.run + "journal-copy");
    for (WalletEntry entry : copy) {
      runner.sendSealed("journal-copy", "partner-a", QueryServiceRunner.SERDES.walletEntry().serialize(null, entry));
    }
    int copyPort = FreePorts.freePort();
    try (ConfigurableApplicationContext reader = runner.start(copyPort, List.of("--spring.kafka.streams.application-id=" + runner.run + "copy",
        "--query.topics.wallet-journal=" + runner.run + "journal-copy", "--query.rate-limit.enabled=false"))) {
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        HttpResponse<String> response = runner.get(copyPort, "/api/v1/wallet/statement?limit=100", A);
        return response.statusCode() == 200 && json(response).get("data").get("chain").get("refusedEntries").asLong() == 30;
      });
      assertThat(json(runner.get(copyPort, "/api/v1/wallet/statement?limit=100", A)).get("data").get("entries")).hasSize(29);
      JsonNode chain = json(runner.get(copyPort, "/api/v1/wallet/statement?limit=1", A)).get("data").get("chain");
      assertThat(chain.get("status").asString()).isEqualTo("broken");
      assertThat(chain.get("firstBrokenSequence").asLong()).isEqualTo(30);
      assertThat(chain.get("problem").asString()).isEqualTo("sequence_gap");
    }
  }

  // --- list by creation time ---

  @Test
  void theListNarrowedToACreationPeriodHoldsExactlyTheOrdersCreatedInIt() {
    long from = T0 + 10_000 + 50 * 1_000L;
    long to = T0 + 10_000 + 51 * 1_000L;
    JsonNode orders = data("/api/v1/orders?orderType=all&createdFrom=" + from + "&createdTo=" + Instant.ofEpochMilli(to), A).get("orders");

    assertThat(orders).extracting(o -> o.get("_id").asString()).containsExactly("w51", "w50");
    assertThat(data("/api/v1/orders?orderType=data&createdFrom=" + from + "&createdTo=" + to, A).get("orders"))
        .extracting(o -> o.get("_id").asString()).containsExactly("w50");
  }

  private static WalletDiscrepancy discrepancy(String partnerId, String orderId, String eventId, long at) {
    return WalletDiscrepancy.newBuilder().setPartnerId(partnerId).setOrderId(orderId).setEventId(eventId).setCurrency("GHS")
        .setAmountMinor(425).setComputedBalanceBeforeMinor(100_000).setComputedBalanceAfterMinor(99_575).setSourceBalanceBeforeMinor(25_000L)
        .setSourceBalanceAfterMinor(24_575L).setSourceSelfConsistent(true).setOccurredAt(at)
        .setKind(io.orderledger.events.DiscrepancyKind.SOURCE_BALANCE).setPreviousAmountMinor(null).build();
  }

  @Test
  void discrepanciesShowBothFiguresNewestFirst() {
    JsonNode discrepancies = data("/api/v1/wallet/discrepancies", A).get("discrepancies");
    assertThat(discrepancies).extracting(d -> d.get("orderId").asString()).containsExactly("w7", "o1");
    assertThat(discrepancies.get(0).get("computedBalanceAfter").decimalValue()).isEqualByComparingTo("995.75");
    assertThat(discrepancies.get(0).get("sourceBalanceAfter").decimalValue()).isEqualByComparingTo("245.75");
  }

  // --- permissions and other partners ---

  @Test
  void theAuditTrailNeedsTheAuditPermission() {
    for (String path : List.of("/api/v1/orders/o1/history", "/api/v1/orders/o1?asOf=" + T0, "/api/v1/wallet/statement",
        "/api/v1/wallet?asOf=" + T0, "/api/v1/wallet/discrepancies")) {
      assertError(runner.get(port, path, QueryServiceRunner.NO_AUDIT_KEY), 403, "FORBIDDEN");
      assertError(runner.get(port, path, null), 401, "UNAUTHORIZED");
    }
    assertThat(runner.get(port, "/api/v1/orders/o1", QueryServiceRunner.NO_AUDIT_KEY).statusCode()).isEqualTo(200);
  }

  @Test
  void anotherPartnersOrderIsTheSameNotFoundOnEveryAuditEndpointAndNoForeignRecordIsEverShown() {
    for (String suffix : List.of("/history", "?asOf=" + (T0 + 3_000))) {
      HttpResponse<String> foreign = runner.get(port, "/api/v1/orders/o1" + suffix, B);
      HttpResponse<String> unknown = runner.get(port, "/api/v1/orders/no-such-order" + suffix, B);
      assertError(foreign, 404, "ORDER_NOT_FOUND");
      assertThat(foreign.body()).isEqualTo(unknown.body());
      assertThat(foreign.headers().map().keySet()).isEqualTo(unknown.headers().map().keySet());
    }
    Set<String> seen = new HashSet<>();
    data("/api/v1/wallet/statement?limit=100", B).get("entries").forEach(e -> seen.add(e.get("orderId").asString()));
    data("/api/v1/wallet?asOf=" + (T0 + 100_000), B).get("wallets").forEach(w -> seen.add(w.get("lastOrderId").asString()));
    history("b1", B).forEach(h -> seen.add(h.get("eventId").asString()));
    data("/api/v1/orders?orderType=all&createdFrom=" + T0, B).get("orders").forEach(o -> seen.add(o.get("_id").asString()));
    data("/api/v1/wallet/discrepancies", B).get("discrepancies").forEach(d -> seen.add(d.get("orderId").asString()));
    assertThat(seen).isNotEmpty().allMatch(id -> id.startsWith("partner-b") || id.equals("b1") || id.equals("eb1"));
  }
}
