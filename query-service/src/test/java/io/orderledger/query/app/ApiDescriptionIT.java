package io.orderledger.query.app;

import static io.orderledger.query.Audits.chain;
import static io.orderledger.query.Audits.decision;
import static io.orderledger.query.Audits.event;
import static io.orderledger.query.Views.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderledger.events.DecisionKind;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.events.contract.ContractDocuments;
import io.orderledger.query.client.ApiClient;
import io.orderledger.query.client.ApiException;
import io.orderledger.query.client.api.OrdersApi;
import io.orderledger.query.client.api.WalletApi;
import io.orderledger.query.client.model.Chain;
import io.orderledger.query.client.model.HistoryEntry;
import io.orderledger.query.client.model.Order;
import io.orderledger.query.client.model.OrderListData;
import io.orderledger.query.client.model.StatementData;
import io.orderledger.testing.kafka.SharedKafkaBroker;
import io.orderledger.testing.net.FreePorts;
import io.orderledger.testing.process.NodePackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API description clients are generated from is the one the service serves, it passes a real linter, and a client
 * generated from it reads every endpoint's real answers. The description is committed
 * ({@code src/main/openapi/order-ledger-api.json}); the Java client below is generated from that file at build time
 * (openapi-generator, see the pom), and decodes strictly: a field the description does not name fails the test.
 */
class ApiDescriptionIT {

  static final Path COMMITTED = Path.of("src/main/openapi/order-ledger-api.json");
  private static final Path SERVED = Path.of("target/openapi/order-ledger-api.json");
  /**
   * Redocly's CLI from the npm registry, pinned: the linter's own rules change between versions. The 1.x line runs on
   * Node 18.17+ (Debian 12's own nodejs, which .ci/run installs where Node is missing); 2.x needs Node 20.19+.
   */
  private static final String REDOCLY = "@redocly/cli@1.34.20";
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final String KEY = "key-of-partner-a";
  private static final long T0 = 1_775_000_000_000L;
  private static QueryServiceRunner runner;
  private static ConfigurableApplicationContext app;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    runner = new QueryServiceRunner(SharedKafkaBroker.get(), "apidoc-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    port = FreePorts.freePort();
    List<OrderView> views = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      views.add(OrderView.newBuilder(view("partner-a", "o" + i, OrderType.DATA, OrderState.COMPLETED, T0 + i * 1_000L, 1))
          .setBookedAt(T0 + i * 1_000L + 500).build());
    }
    runner.send(views, chain("partner-a", "GHS", 25, T0));
    runner.sendAudit(List.of(decision("partner-a", "o0", "e1", DecisionKind.APPLIED, T0 + 1_000, 0, null, OrderState.COMPLETED, List.of())),
        List.of(event("partner-a", "o0", "e1", OrderState.COMPLETED, T0 + 900)));
    app = runner.start(port, List.of("--query.rate-limit.enabled=false"));
    await().atMost(Duration.ofSeconds(90)).until(() -> runner.get(port, "/v3/api-docs", null).statusCode() == 200
        && runner.get(port, "/api/v1/orders/o0/history", KEY).body().contains("e1")
        && runner.get(port, "/api/v1/wallet/statement?limit=100", KEY).body().contains("\"sequence\":25,"));
    Files.createDirectories(SERVED.getParent());
    Files.writeString(SERVED, JSON.writeValueAsString(JSON.readTree(runner.get(port, "/v3/api-docs", null).body())) + "\n");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void theCommittedDescriptionIsTheServedOne() throws IOException {
    assertThat(JSON.readTree(Files.readString(SERVED))).as("the API changed: review " + SERVED + " and copy it to " + COMMITTED)
        .isEqualTo(JSON.readTree(Files.readString(COMMITTED)));
  }

  @Test
  void theDescriptionDocumentsOnlyRealEndpointsWithTheirKeyAndErrors() throws IOException {
    JsonNode api = JSON.readTree(Files.readString(SERVED));

    assertThat(api.get("paths").propertyNames()).containsExactlyInAnyOrder("/api/v1/orders", "/api/v1/orders/{orderId}",
        "/api/v1/orders/{orderId}/history", "/api/v1/wallet", "/api/v1/wallet/statement", "/api/v1/wallet/discrepancies",
        "/api/v1/ledger/public-key");
    assertThat(api.get("components").get("securitySchemes").get("apiKey").get("name").asString()).isEqualTo("X-API-KEY");
    for (JsonNode path : api.get("paths")) {
      JsonNode get = path.get("get");
      assertThat(get.get("summary").asString()).isNotBlank();
      assertThat(get.get("responses").propertyNames()).contains("200", "401", "403", "429", "503");
    }
  }

  /** The generated client, strict: an answer with a field the description does not have fails to decode. */
  private static ApiClient client(String key) {
    ObjectMapper strict = ApiClient.createDefaultObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    ApiClient client = new ApiClient(ApiClient.createDefaultHttpClientBuilder(), strict, "http://127.0.0.1:" + port);
    return client.setRequestInterceptor(request -> request.header("X-API-KEY", key));
  }

  @Test
  void aGeneratedClientPagesTheListAndReadsAnOrderAsItWas() throws Exception {
    OrdersApi orders = new OrdersApi(client(KEY));

    List<Order> all = new ArrayList<>();
    String cursor = null;
    OrderListData page;
    do {
      page = orders.listOrders("all", null, 7, cursor, null, null).getData();
      all.addAll(page.getOrders());
      cursor = page.getContinueCursor();
    } while (!page.getIsDone());
    assertThat(all).hasSize(30);
    assertThat(all.get(0).getId()).isEqualTo("o29");
    assertThat(all.get(0).getAmount()).isEqualByComparingTo("4.25");
    assertThat(all.get(0).getState()).isEqualTo(Order.StateEnum.COMPLETED);

    assertThat(orders.getOrder("o3", null).getData().getCreatedAt()).isEqualTo(T0 + 3_000L);
    assertThat(orders.getOrder("o3", String.valueOf(T0 + 3_600L)).getData().getId()).isEqualTo("o3");
    assertThat(orders.listOrders("all", null, 100, null, String.valueOf(T0 + 10_000L), String.valueOf(T0 + 19_000L))
        .getData().getOrders()).hasSize(10);
  }

  @Test
  void aGeneratedClientReadsTheHistoryTheWalletAndItsVerifiedStatement() throws Exception {
    ApiClient client = client(KEY);
    HistoryEntry applied = new OrdersApi(client).getOrderHistory("o0", 20, null).getData().getHistory().get(0);
    assertThat(applied.getDecision()).isEqualTo(HistoryEntry.DecisionEnum.APPLIED);
    assertThat(applied.getSourceRecord()).containsEntry("_id", "o0");

    WalletApi wallet = new WalletApi(client);
    assertThat(wallet.getWallet(null).getData().getWallets()).singleElement()
        .satisfies(ghs -> assertThat(ghs.getMovements()).isEqualTo(25L));
    StatementData statement = wallet.getWalletStatement("GHS", null, null, 100, null).getData();
    assertThat(statement.getEntries()).hasSize(25);
    assertThat(statement.getChain().getStatus()).isEqualTo(Chain.StatusEnum.VERIFIED);
  }

  @Test
  void aGeneratedClientSeesTheDocumentedErrors() {
    OrdersApi orders = new OrdersApi(client(KEY));
    assertThatThrownBy(() -> orders.getOrder("no-such-order", null)).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.getCode()).isEqualTo(404);
      assertThat(e.getResponseBody()).contains("ORDER_NOT_FOUND");
    });
    assertThatThrownBy(() -> orders.listOrders(null, null, 0, null, null, null)).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.getCode()).isEqualTo(400);
      assertThat(e.getResponseBody()).contains("INVALID_LIMIT");
    });
    assertThatThrownBy(() -> new OrdersApi(client("not-a-key")).listOrders(null, null, null, null, null, null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));
  }

  @Test
  void theDescriptionPassesRedoclysRecommendedRulesWithoutAnError() throws Exception {
    Process lint = new ProcessBuilder("npx", "--yes", REDOCLY, "lint", "--format=stylish", "--extends=recommended", COMMITTED.toString())
        .redirectErrorStream(true).start();
    String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("the linter finished").isTrue();
    System.out.println("[openapi-lint] " + REDOCLY + ":\n" + output);
    assertThat(lint.exitValue()).as(output).isZero();
    assertThat(output).as("the linter ran and found no error").contains("Woohoo! Your API description is valid.");
  }

  /** The event contract is served without a key, byte for byte as the order-events-schema jar ships it; nothing else is. */
  @Test
  void theEventContractIsServedAsTheSchemaJarShipsIt() throws Exception {
    var asyncApi = runner.get(port, "/events/asyncapi.json", null);
    assertThat(asyncApi.statusCode()).isEqualTo(200);
    assertThat(asyncApi.body()).isEqualTo(Files.readString(PUBLISHED_CONTRACT.resolve(ContractDocuments.ASYNCAPI)));
    var schema = runner.get(port, "/events/schemas/wallet-journal/v5.avsc", null);
    assertThat(schema.statusCode()).isEqualTo(200);
    assertThat(schema.body()).isEqualTo(Files.readString(PUBLISHED_CONTRACT.resolve("topics/wallet-journal/v5.avsc")));
    for (String missing : List.of("/events/schemas/wallet-journal/v99.avsc", "/events/schemas/..%2F..%2Fasyncapi.json/v5.avsc",
        "/events/schemas/poller-checkpoints/v5.avsc")) {
      var answer = runner.get(port, missing, null);
      assertThat(answer.statusCode()).as(missing).isIn(400, 404);
      assertThat(answer.body()).as(missing).contains("\"success\":false");
    }
  }

  /**
   * The AsyncAPI document passes the AsyncAPI CLI (from npm, pinned) with no error and no warning, every Avro payload in
   * it parses with avsc and has the single-object header it states, and the CLI's HTML template renders it into
   * target/asyncapi-html (the documentation a platform team reads).
   */
  @Test
  void theAsyncApiDocumentPassesTheAsyncApiCliAndRendersToHtml() throws Exception {
    NodePackages tools = NodePackages.install(ASYNCAPI_CLI, "avsc@5.7.9");
    // The template in a folder of its own: beside the CLI, npm resolves it a React that its renderer cannot use.
    NodePackages template = NodePackages.install(ASYNCAPI_HTML);
    Path document = PUBLISHED_CONTRACT.resolve(ContractDocuments.ASYNCAPI);
    String validation = run(tools.process(List.of(tools.bin("asyncapi").toString(), "validate", document.toString(),
        "--fail-severity", "warn")));
    System.out.println("[asyncapi-validate] " + ASYNCAPI_CLI + ":\n" + validation);
    assertThat(validation).contains("0 errors, 0 warnings");
    String payloads = run(tools.process(List.of("node", "src/test/node/check_asyncapi_payloads.js", document.toString())));
    System.out.println("[asyncapi-avro] " + payloads.strip());
    assertThat(payloads).contains("avsc parsed");
    Path html = Path.of("target", "asyncapi-html").toAbsolutePath();
    String render = run(tools.process(List.of(tools.bin("asyncapi").toString(), "generate", "fromTemplate", document.toString(),
        template.nodeModules().resolve("@asyncapi/html-template").toString(), "-o", html.toString(), "--force-write", "--no-interactive")));
    assertThat(html.resolve("index.html")).as(render).exists();
    assertThat(Files.readString(html.resolve("index.html"))).contains("wallet-journal", "ledger-checkpoints");
    System.out.println("[asyncapi-html] rendered " + html.resolve("index.html"));
  }

  /** The AsyncAPI CLI and its HTML template (2.x: the generator the CLI bundles is 1.x), pinned. */
  private static final String ASYNCAPI_CLI = "@asyncapi/cli@4.1.1";
  private static final String ASYNCAPI_HTML = "@asyncapi/html-template@2.3.14";
  private static final Path PUBLISHED_CONTRACT = Path.of("..", "order-events-schema", "src", "main", "resources")
      .resolve(ContractDocuments.ROOT);

  private static String run(ProcessBuilder command) throws Exception {
    Process process = command.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished: " + command.command()).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
