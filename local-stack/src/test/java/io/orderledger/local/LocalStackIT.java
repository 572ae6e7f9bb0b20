package io.orderledger.local;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end on a real broker: simulator → poller → ledger → query service, each its own process as
 * {@code ./run-local.sh} runs them. Orders flow for a while, then the simulator stops placing new ones and lets the
 * rest settle; the API must then show, for every partner, exactly the simulator's orders (every id, state and
 * amount), and each partner's wallet must equal the simulator's own sum of charges, refunds and top-ups.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LocalStackIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theApiShowsExactlyTheSimulatorsOrdersAndWallets(KafkaBroker kafka) throws Exception {
    Path data = Files.createTempDirectory("local-stack-it");
    LocalStack.Options options = new LocalStack.Options(Path.of("..").toAbsolutePath().normalize(), data, kafka.bootstrapServers(),
        freePort(), 0, freePort(), freePort(), freePort(), 200, 3, 42, 3_000, Duration.ofSeconds(5), false);
    try (LocalStack stack = LocalStack.start(options, System.getProperty("java.class.path"))) {
      stack.awaitOrdersVisible(Duration.ofSeconds(120));
      // Let orders flow through every lifecycle for a while: until the simulator has made 1,500 changes.
      Awaitility.await("1,500 upstream changes").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
          .until(() -> JSON.readTree(get(stack.simulatorUrl() + "/control/status", null)).get("changes").asInt() >= 1_500);
      post(stack.simulatorUrl() + "/control/new-orders?perStep=0");
      Awaitility.await("the simulated upstream settles").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> JSON.readTree(get(stack.simulatorUrl() + "/control/status", null)).get("settled").asBoolean());
      JsonNode truth = JSON.readTree(get(stack.simulatorUrl() + "/control/truth", null));

      Map<String, Map<String, String>> expected = expectedOrders(truth);
      assertThat(expected.get("partner-a")).hasSizeGreaterThan(50);
      Awaitility.await("the API shows the simulator's orders and wallets").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .failFast(() -> assertThat(stack.deadService()).as("a service stopped").isNull())
          .untilAsserted(() -> {
            for (String[] demo : LocalStack.DEMO_KEYS) {
              assertThat(differences(expected.get(demo[0]), apiOrders(stack, demo[1])))
                  .as("orders of %s where the API and the simulator differ (id: simulator / API)", demo[0]).isEmpty();
              BigDecimal wallet = BigDecimal.valueOf(truth.get("wallets").get(demo[0] + "|GHS").asLong(), 2);
              JsonNode walletAnswer = JSON.readTree(get(stack.apiUrl() + "/api/v1/wallet", demo[1])).get("data");
              assertThat(walletAnswer.get("balance").decimalValue()).as("wallet of %s", demo[0]).isEqualByComparingTo(wallet);
            }
          });
      System.out.printf("[end-to-end] partner-a: %d orders, partner-b: %d orders, states, amounts and wallets equal to the simulator's%n",
          expected.get("partner-a").size(), expected.get("partner-b").size());
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
