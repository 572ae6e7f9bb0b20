package io.orderledger.query.app;

import static io.orderledger.query.Views.entry;
import static io.orderledger.query.Views.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderledger.events.MovementDirection;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.fixtures.Events;
import io.orderledger.ledger.topology.LedgerDriver;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.kafka.SharedKafkaBroker;
import io.orderledger.testing.net.FreePorts;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API contract of seeds 000 and 001, checked over HTTP against the real service reading a real broker: the
 * envelope, every field's name and JSON type, every parameter and every error code, tenant isolation and cursors.
 */
class QueryApiIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String A = "key-of-partner-a";
  private static final String B = "key-of-partner-b";
  private static final String SEED_ORDER = "kh72y10adpkj8kr1bbrgcgnvcd841w5g";
  private static QueryServiceRunner runner;
  private static ConfigurableApplicationContext app;
  private static int port;
  private static final Map<String, List<String>> ORDERS_BY_PARTNER = new HashMap<>();
  /** Written by a ledger transaction that aborted: in the log, not in the API. */
  private static final String ABORTED_ORDER = "partner-a-aborted-1";

  @BeforeAll
  static void startServiceWithData() throws Exception {
    KafkaBroker kafka = SharedKafkaBroker.get();
    runner = new QueryServiceRunner(kafka, "api-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    List<OrderView> views = new ArrayList<>();
    SeedThroughTheLedger seed = seedThroughTheLedger();
    views.addAll(seed.views());
    views.add(bulkOrder());
    OrderType[] types = {OrderType.DATA, OrderType.DATA, OrderType.DATA, OrderType.RESULT_CHECKER, OrderType.AIRTIME};
    OrderState[] states = {OrderState.PENDING, OrderState.PROCESSING, OrderState.COMPLETED, OrderState.FAILED, OrderState.REVERSED};
    for (String partner : List.of("partner-a", "partner-b", "partner-c")) {
      int count = partner.equals("partner-a") ? 100 : 30;
      for (int i = 0; i < count; i++) {
        views.add(view(partner, partner + "-o" + i, types[i % types.length], states[(i / 5) % states.length], 1_775_000_000_000L + i * 1_000L, 1));
      }
    }
    // One order of every type the API can filter by, so that every type's filter has something to find.
    OrderType[] every = {OrderType.VOICE, OrderType.AFA, OrderType.REGISTRATION, OrderType.TOP_UP, OrderType.GIFT_CARD, OrderType.ESIM,
        OrderType.PRODUCT};
    for (int i = 0; i < every.length; i++) {
      views.add(view("partner-a", "partner-a-" + every[i].name().toLowerCase() + "-1", every[i], OrderState.COMPLETED, 1_774_500_000_000L + i, 1));
    }
    // An order whose source had nothing for the seed's string fields (an event written before the poller filled them).
    OrderView bare = view("partner-a", "partner-a-bare-esim", OrderType.ESIM, OrderState.PENDING, 1_774_600_000_000L, 1);
    views.add(OrderView.newBuilder(bare).setOrder(io.orderledger.events.OrderSnapshot.newBuilder(bare.getOrder()).setShortReference(null)
        .setBeneficiaryMsisdn(null).setOperatorId(null).setOperatorName(null).setProductId(null).setProductName(null).setPackageId(null)
        .setPackageLabel(null).build()).build());
    views.forEach(v -> ORDERS_BY_PARTNER.computeIfAbsent(v.getPartnerId(), p -> new ArrayList<>()).add(v.getOrderId()));
    List<WalletEntry> entries = new ArrayList<>(seed.journal());
    entries.add(entry("partner-b", "topup-b", MovementDirection.CREDIT, 1_000, 1_000, 1));
    // An aborted ledger transaction first, on the same partitions: the service must read past it, never show it.
    runner.sendAborted(List.of(view("partner-a", ABORTED_ORDER, OrderType.DATA, OrderState.COMPLETED, 1_775_100_000_000L, 1)),
        List.of(entry("partner-a", ABORTED_ORDER, MovementDirection.DEBIT, 5_000, 19_575, 3)));
    runner.send(views, entries);
    runner.sendDiscrepancies(seed.discrepancies());

    port = FreePorts.freePort();
    app = runner.start(port, List.of());
    await().atMost(Duration.ofSeconds(90)).until(() -> runner.readiness(port).statusCode() == 200
        && count("/api/v1/orders?orderType=all&limit=100", A) == 100 && count("/api/v1/orders?orderType=product", A) == 1
        && runner.get(port, "/api/v1/wallet", B).body().contains("10.00")
        // Every partner's partition materialised, not only the first two asked for.
        && count("/api/v1/orders?orderType=all&limit=100", QueryServiceRunner.KEYS.get("partner-b")) == ORDERS_BY_PARTNER.get("partner-b").size()
        && count("/api/v1/orders?orderType=all&limit=100", QueryServiceRunner.KEYS.get("partner-c")) == ORDERS_BY_PARTNER.get("partner-c").size());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** What the ledger's own rules publish for seed 000's example after a top-up of 250.00. */
  private record SeedThroughTheLedger(List<OrderView> views, List<WalletEntry> journal, List<WalletDiscrepancy> discrepancies) {
  }

  /**
   * Seed 000's example as the seed gives it: amount 4.25, and the source's own wallet figures 250.00 → 246.10, which
   * do not add up (they differ by 3.90). Folded by the ledger's real topology after a top-up of 250.00: the ledger
   * books 4.25 (250.00 → 245.75) and records the source's figures as a discrepancy; the API must show the ledger's.
   */
  private static SeedThroughTheLedger seedThroughTheLedger() {
    try (LedgerDriver ledger = new LedgerDriver()) {
      ledger.send(Events.event("partner-a", Events.snapshot("topup-1", OrderState.COMPLETED, 25_000, 1_775_046_000_000L)
          .setOrderType(OrderType.TOP_UP).build(), null));
      ledger.send(Events.event("partner-a", Events.snapshot(SEED_ORDER, OrderState.PROCESSING, 425, 1_775_046_434_454L)
          .setCreationTime("1775046434454.9124").setUpdatedAt(1_775_046_435_554L).setSubmittedAt(1_775_046_434_454L)
          .setProviderRef("JESSCO-4175984").setSourceWalletBalanceBeforeMinor(25_000L).setSourceWalletBalanceAfterMinor(24_610L).build(),
          null));
      return new SeedThroughTheLedger(ledger.views.readValuesToList(), ledger.journal.readValuesToList(),
          ledger.discrepancies.readValuesToList());
    }
  }

  private static OrderView bulkOrder() {
    return OrderView.newBuilder(view("partner-a", "bulk-1", OrderType.DATA, OrderState.COMPLETED, 1_774_000_000_000L, 3))
        .setOrder(Events.bulkSnapshot("bulk-1", OrderState.COMPLETED, 1_774_000_000_000L,
            List.of(Events.recipient("233540000001", 425, OrderState.COMPLETED), Events.recipient("233540000002", 425, OrderState.FAILED))).build())
        .build();
  }

  private static int count(String path, String key) {
    HttpResponse<String> response = runner.get(port, path, key);
    return response.statusCode() == 200 ? json(response).get("data").get("orders").size() : -1;
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  private static void assertError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = json(response);
    assertThat(body.get("success").asBoolean()).isFalse();
    assertThat(body.get("error").get("code").asString()).isEqualTo(code);
    assertThat(body.get("error").get("message").isString()).isTrue();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
  }

  // --- GET /api/v1/orders (seed 000) ---

  @Test
  void theListHasTheSeedsEnvelopeAndDefaultsToDataAndResultChecker() {
    HttpResponse<String> response = runner.get(port, "/api/v1/orders", A);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.propertyNames()).containsExactly("success", "data");
    assertThat(body.get("success").asBoolean()).isTrue();
    assertThat(body.get("data").propertyNames()).containsExactly("orders", "isDone", "continueCursor");
    assertThat(body.get("data").get("isDone").isBoolean()).isTrue();
    assertThat(body.get("data").get("continueCursor").isString()).isTrue();
    JsonNode orders = body.get("data").get("orders");
    assertThat(orders).hasSize(20);
    for (JsonNode order : orders) {
      assertThat(order.get("orderType").asString()).isIn("data", "result_checker");
    }
  }

  @Test
  void ordersComeNewestFirst() {
    JsonNode orders = json(runner.get(port, "/api/v1/orders?orderType=all&limit=100", A)).get("data").get("orders");
    long previous = Long.MAX_VALUE;
    for (JsonNode order : orders) {
      assertThat(order.get("createdAt").asLong()).isLessThanOrEqualTo(previous);
      previous = order.get("createdAt").asLong();
    }
  }

  @Test
  void everyOrderFieldHasTheSeedsNameAndJsonType() {
    JsonNode order = json(runner.get(port, "/api/v1/orders/" + SEED_ORDER, A)).get("data");

    assertThat(order.propertyNames()).containsExactly("_id", "_creationTime", "createdAt", "updatedAt", "shortReference",
        "beneficiaryMsisdn", "operatorId", "operatorName", "productId", "productName", "packageId", "packageLabel", "amount",
        "currency", "state", "orderType", "providerRef", "submittedAt", "completedAt", "errorMessage", "paymentReference",
        "paymentGateway", "paymentGatewayStatus", "isBulkOrder", "bulkRecipients", "bulkCompletedCount", "bulkFailedCount",
        "walletBalanceBefore", "walletBalanceAfter");
    for (String text : List.of("_id", "shortReference", "beneficiaryMsisdn", "operatorId", "operatorName", "productId", "productName",
        "packageId", "packageLabel", "currency", "state", "orderType", "providerRef")) {
      assertThat(order.get(text).isString()).as(text).isTrue();
    }
    for (String number : List.of("_creationTime", "createdAt", "updatedAt", "amount", "submittedAt", "walletBalanceBefore", "walletBalanceAfter")) {
      assertThat(order.get(number).isNumber()).as(number).isTrue();
    }
    for (String nullable : List.of("completedAt", "errorMessage", "paymentReference", "paymentGateway", "paymentGatewayStatus",
        "bulkRecipients", "bulkCompletedCount", "bulkFailedCount")) {
      assertThat(order.get(nullable).isNull()).as(nullable).isTrue();
    }
    assertThat(order.get("isBulkOrder").isBoolean()).isTrue();
    assertThat(order.get("state").asString()).isEqualTo("processing");
    assertThat(order.get("orderType").asString()).isEqualTo("data");
  }

  @Test
  void theSeedsStringFieldsAreStringsEvenWhereTheSourceHadNothing() {
    JsonNode order = json(runner.get(port, "/api/v1/orders/partner-a-bare-esim", A)).get("data");

    for (String text : List.of("shortReference", "beneficiaryMsisdn", "operatorId", "operatorName", "productId", "productName",
        "packageId", "packageLabel")) {
      assertThat(order.get(text).isString()).as(text).isTrue();
      assertThat(order.get(text).asString()).as(text).isEmpty();
    }
    assertThat(order.get("orderType").asString()).isEqualTo("esim");
  }

  @Test
  void moneyAndTimesAreExactNumbersAsTheSeedWritesThem() {
    String body = runner.get(port, "/api/v1/orders/" + SEED_ORDER, A).body();

    // The seed's amount, and the ledger's balances around it: before - amount = after, where the source said 246.10.
    assertThat(body).contains("\"amount\":4.25", "\"walletBalanceBefore\":250.00", "\"walletBalanceAfter\":245.75",
        "\"_creationTime\":1775046434454.9124", "\"createdAt\":1775046434454", "\"currency\":\"GHS\"");
    String discrepancies = runner.get(port, "/api/v1/wallet/discrepancies", A).body();
    assertThat(discrepancies).as("the source's own figures, kept as a discrepancy").contains(SEED_ORDER, "source_balance", "246.10", "245.75");
  }

  @Test
  void theListShowsTheSameOrderObjectAsGet() throws Exception {
    JsonNode listed = null;
    for (JsonNode order : json(runner.get(port, "/api/v1/orders?limit=100", A)).get("data").get("orders")) {
      if (order.get("_id").asString().equals(SEED_ORDER)) {
        listed = order;
      }
    }
    assertThat(listed).isEqualTo(json(runner.get(port, "/api/v1/orders/" + SEED_ORDER, A)).get("data"));
  }

  @Test
  void bulkRecipientsHaveTheirSeedFields() {
    JsonNode order = json(runner.get(port, "/api/v1/orders/bulk-1", A)).get("data");

    assertThat(order.get("isBulkOrder").asBoolean()).isTrue();
    assertThat(order.get("bulkCompletedCount").asInt()).isEqualTo(1);
    assertThat(order.get("bulkFailedCount").asInt()).isEqualTo(1);
    JsonNode recipient = order.get("bulkRecipients").get(1);
    assertThat(recipient.propertyNames()).containsExactly("beneficiaryMsisdn", "packageId", "packageLabel", "amount", "status",
        "providerRef", "errorMessage", "submittedAt", "completedAt");
    assertThat(recipient.get("status").asString()).isEqualTo("failed");
    assertThat(recipient.get("amount").decimalValue()).isEqualByComparingTo("4.25");
  }

  @ParameterizedTest
  @ValueSource(strings = {"data", "airtime", "result_checker", "voice", "afa", "registration", "top_up", "gift_card", "esim", "product"})
  void eachOrderTypeListsOnlyItself(String type) {
    JsonNode orders = json(runner.get(port, "/api/v1/orders?limit=100&orderType=" + type, A)).get("data").get("orders");
    assertThat(orders).as("partner-a has orders of type %s", type).isNotEmpty();
    for (JsonNode order : orders) {
      assertThat(order.get("orderType").asString()).isEqualTo(type);
    }
  }

  @Test
  void orderTypeAllListsEveryType() {
    Set<String> types = new HashSet<>();
    json(runner.get(port, "/api/v1/orders?limit=100&orderType=all", A)).get("data").get("orders")
        .forEach(o -> types.add(o.get("orderType").asString()));
    assertThat(types).contains("data", "result_checker", "airtime");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pending", "processing", "completed", "failed", "reversed"})
  void eachStateListsOnlyItself(String state) {
    JsonNode orders = json(runner.get(port, "/api/v1/orders?orderType=all&limit=100&state=" + state, A)).get("data").get("orders");
    assertThat(orders).isNotEmpty();
    for (JsonNode order : orders) {
      assertThat(order.get("state").asString()).isEqualTo(state);
    }
  }

  @Test
  void limitDefaultsToTwentyAndIsCappedAtAHundred() {
    assertThat(count("/api/v1/orders?orderType=all", A)).isEqualTo(20);
    assertThat(count("/api/v1/orders?orderType=all&limit=7", A)).isEqualTo(7);
    assertThat(count("/api/v1/orders?orderType=all&limit=1000", A)).isEqualTo(100);
    assertThat(ORDERS_BY_PARTNER.get("partner-a")).as("more orders than one capped page").hasSizeGreaterThan(100);
  }

  @Test
  void badParametersGetTheirOwnCodes() {
    assertError(runner.get(port, "/api/v1/orders?orderType=bundle", A), 400, "INVALID_ORDER_TYPE");
    assertError(runner.get(port, "/api/v1/orders?state=done", A), 400, "INVALID_STATE");
    for (String limit : List.of("0", "-5", "abc", "")) {
      assertError(runner.get(port, "/api/v1/orders?limit=" + limit, A), 400, "INVALID_LIMIT");
    }
    assertError(runner.get(port, "/api/v1/orders?cursor=not-a-cursor", A), 400, "INVALID_CURSOR");
  }

  // --- GET /api/v1/orders/{orderId} (seed 001) ---

  @Test
  void anUnknownOrderAndAnotherPartnersOrderLookTheSame() {
    HttpResponse<String> unknown = runner.get(port, "/api/v1/orders/no-such-order", A);
    HttpResponse<String> foreign = runner.get(port, "/api/v1/orders/partner-b-o1", A);

    assertError(unknown, 404, "ORDER_NOT_FOUND");
    assertError(foreign, 404, "ORDER_NOT_FOUND");
    assertThat(foreign.body()).isEqualTo(unknown.body());
    assertThat(foreign.headers().map().keySet()).isEqualTo(unknown.headers().map().keySet());
  }

  // --- auth, rate limit, routes ---

  @Test
  void aMissingOrUnknownKeyIs401AndAKeyWithoutPermissionIs403() {
    for (String path : List.of("/api/v1/orders", "/api/v1/orders/" + SEED_ORDER, "/api/v1/wallet")) {
      assertError(runner.get(port, path, null), 401, "UNAUTHORIZED");
      assertError(runner.get(port, path, "not-a-key"), 401, "UNAUTHORIZED");
      assertError(runner.get(port, path, QueryServiceRunner.NO_PERMISSION_KEY), 403, "FORBIDDEN");
    }
  }

  @Test
  void twoKeysInOneRequestAreNoKey() throws Exception {
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/orders"))
        .header("X-API-KEY", A).header("X-API-KEY", B).build();
    HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertError(response, 401, "UNAUTHORIZED");
    assertThat(response.body()).doesNotContain("partner-a-o").doesNotContain("partner-b-o");
  }

  @Test
  void tooManyRequestsAre429WithRetryAfter() throws Exception {
    // 16 clients at once with one key, against 300 + 100/s: the bucket runs dry within the first second.
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
    java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> limited = new java.util.concurrent.atomic.AtomicReference<>();
    try {
      List<java.util.concurrent.Future<?>> running = new ArrayList<>();
      for (int c = 0; c < 16; c++) {
        running.add(clients.submit(() -> {
          for (int i = 0; i < 150 && limited.get() == null; i++) {
            HttpResponse<String> response = runner.get(port, "/api/v1/orders?limit=1", QueryServiceRunner.RATE_PROBE_KEY);
            if (response.statusCode() == 429) {
              limited.compareAndSet(null, response);
            }
          }
        }));
      }
      for (java.util.concurrent.Future<?> client : running) {
        client.get();
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(limited.get()).as("16 clients of one key, up to 2,400 requests, against 300 + 100/s").isNotNull();
    assertError(limited.get(), 429, "RATE_LIMITED");
    assertThat(limited.get().headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
  }

  @Test
  void unknownRoutesWrongMethodsAndMalformedInputAreAnsweredInTheEnvelope() throws Exception {
    assertError(runner.get(port, "/api/v1/nothing-here", A), 404, "NOT_FOUND");
    assertError(runner.get(port, "/nothing-at-all", A), 404, "NOT_FOUND");
    assertError(runner.call(port, "POST", "/api/v1/orders", A), 405, "METHOD_NOT_ALLOWED");
    assertError(runner.call(port, "DELETE", "/api/v1/orders/" + SEED_ORDER, A), 405, "METHOD_NOT_ALLOWED");
    for (String malformed : List.of("/api/v1/orders/%25%00", "/api/v1/orders/%ZZ", "/api/v1/orders/a%00b", "/api/v1/orders/%5C",
        "/api/v1/orders/..%2F..%2Fetc")) {
      String[] answer = QueryServiceRunner.raw(port, malformed, A);
      assertThat(answer[0]).as(malformed).isEqualTo("400");
      assertThat(JSON.readTree(answer[1]).get("error").get("code").asString()).as(malformed).isEqualTo("INVALID_REQUEST");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"?limit=%F0%9F%92%A9", "?orderType=%00", "?cursor=" + "A", "?cursor=%2F%2F%2F", "?state=&orderType=&limit=",
      "?limit=20&limit=30", "?orderType=data&orderType=all", "?cursor=" + "x"})
  void noInputEverYieldsA500(String query) {
    HttpResponse<String> response = runner.get(port, "/api/v1/orders" + query, A);
    assertThat(response.statusCode()).as(response.body()).isLessThan(500);
    json(response);
  }

  @Test
  void hostileOrderIdsAreJustNotFound() {
    for (String id : List.of("..%2F..%2Fetc%2Fpasswd", "%E2%80%AE", "a".repeat(2_000), "partner-b%2Fpartner-b-o1", "%20")) {
      HttpResponse<String> response = runner.get(port, "/api/v1/orders/" + id, A);
      assertThat(response.statusCode()).as(id).isIn(400, 404);
      json(response);
    }
  }

  // --- GET /api/v1/wallet ---

  @Test
  void theWalletShowsTheComputedBalanceAndItsLastMovement() {
    JsonNode wallet = json(runner.get(port, "/api/v1/wallet", A)).get("data");

    assertThat(wallet.get("partnerId").asString()).isEqualTo("partner-a");
    assertThat(wallet.get("currency").asString()).isEqualTo("GHS");
    assertThat(wallet.get("balance").decimalValue()).isEqualByComparingTo("245.75");
    assertThat(wallet.get("lastOrderId").asString()).isEqualTo(SEED_ORDER);
    assertThat(wallet.get("lastMovementAt").isNumber()).isTrue();
    assertThat(runner.get(port, "/api/v1/wallet", A).body()).contains("\"balance\":245.75");
  }

  // --- transactions ---

  @Test
  void whatAnAbortedLedgerTransactionWroteIsNeverShown() {
    assertError(runner.get(port, "/api/v1/orders/" + ABORTED_ORDER, A), 404, "ORDER_NOT_FOUND");
    assertThat(runner.get(port, "/api/v1/orders?orderType=all&limit=100", A).body()).doesNotContain(ABORTED_ORDER);
    assertThat(runner.get(port, "/api/v1/wallet", A).body()).contains("\"balance\":245.75").doesNotContain(ABORTED_ORDER);
  }

  // --- tenant isolation ---

  @Test
  void noPartnerEverSeesAnotherPartnersData() {
    for (Map.Entry<String, String> caller : QueryServiceRunner.KEYS.entrySet()) {
      String partner = caller.getKey();
      String key = caller.getValue();
      Set<String> listed = new HashSet<>();
      json(runner.get(port, "/api/v1/orders?orderType=all&limit=100", key)).get("data").get("orders").forEach(o -> listed.add(o.get("_id").asString()));
      assertThat(listed).isNotEmpty().allMatch(id -> ORDERS_BY_PARTNER.get(partner).contains(id));
      for (Map.Entry<String, List<String>> other : ORDERS_BY_PARTNER.entrySet()) {
        if (other.getKey().equals(partner)) {
          continue;
        }
        for (String foreignId : other.getValue().subList(0, 5)) {
          assertError(runner.get(port, "/api/v1/orders/" + foreignId, key), 404, "ORDER_NOT_FOUND");
        }
        String foreignCursor = json(runner.get(port, "/api/v1/orders?orderType=all&limit=2", QueryServiceRunner.KEYS.get(other.getKey())))
            .get("data").get("continueCursor").asString();
        assertError(runner.get(port, "/api/v1/orders?orderType=all&limit=2&cursor=" + foreignCursor, key), 400, "INVALID_CURSOR");
      }
      assertThat(json(runner.get(port, "/api/v1/wallet", key)).get("data").get("partnerId").asString()).isEqualTo(partner);
    }
  }

  // --- cursors ---

  @Test
  void walkingAllPagesReturnsEveryExistingOrderOnceWhileNewOrdersArrive() {
    Set<String> expected = new HashSet<>(ORDERS_BY_PARTNER.get("partner-b"));
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int page = 0;
    while (true) {
      String path = "/api/v1/orders?orderType=all&limit=7" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode data = json(runner.get(port, path, B)).get("data");
      data.get("orders").forEach(o -> seen.add(o.get("_id").asString()));
      cursor = data.get("continueCursor").asString();
      // New orders arrive during the walk: newer, and older than the cursor (a slow source).
      runner.send(List.of(view("partner-b", "arrived-" + page, OrderType.DATA, OrderState.PENDING, 1_780_000_000_000L + page, 1),
          view("partner-b", "late-" + page, OrderType.DATA, OrderState.PENDING, 1_700_000_000_000L, 1)), List.of());
      page++;
      if (data.get("isDone").asBoolean()) {
        break;
      }
    }
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aTamperedCursorIsRefused() {
    String cursor = json(runner.get(port, "/api/v1/orders?orderType=all&limit=5", A)).get("data").get("continueCursor").asString();
    char last = cursor.charAt(cursor.length() - 3);
    String tampered = cursor.substring(0, cursor.length() - 3) + (last == 'A' ? 'B' : 'A') + cursor.substring(cursor.length() - 2);

    assertError(runner.get(port, "/api/v1/orders?orderType=all&limit=5&cursor=" + tampered, A), 400, "INVALID_CURSOR");
    assertThat(runner.get(port, "/api/v1/orders?orderType=all&limit=5&cursor=" + cursor, A).statusCode()).isEqualTo(200);
  }

  // --- operations ---

  @Test
  void readinessAndTheOpenApiDescriptionAreServed() {
    assertThat(runner.readiness(port).body()).contains("UP");
    JsonNode api = JSON.readTree(runner.get(port, "/v3/api-docs", null).body());
    assertThat(api.get("paths").propertyNames()).contains("/api/v1/orders", "/api/v1/orders/{orderId}", "/api/v1/wallet");
    JsonNode order = api.get("components").get("schemas").get("Order").get("properties");
    assertThat(order.propertyNames()).contains("_id", "_creationTime", "walletBalanceBefore", "walletBalanceAfter", "bulkRecipients", "isBulkOrder");
    assertThat(order.get("amount").get("type").asString()).isEqualTo("number");
  }
}
