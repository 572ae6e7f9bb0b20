package io.orderledger.audit.verify.api;

import io.orderledger.audit.rules.IndependentLedger;
import io.orderledger.audit.verify.Difference;
import io.orderledger.events.money.MinorUnits;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares what the API serves a key's partner with the independent fold: every order's state and amount, and every
 * wallet balance, as of the partner's booking time the fold has reached ({@code asOf}, which needs the key to hold
 * audit:read). The API may be a little behind Kafka: a comparison that differs is tried again for a while before it is
 * a difference; the API being ahead of the fold does not matter, since every read is as of the fold's time.
 */
public final class ApiComparison {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI api;
  private final String key;
  private final Duration patience;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param patience how long a difference may be the API catching up before it counts
   */
  public ApiComparison(URI api, String key, Duration patience) {
    this.api = api;
    this.key = key;
    this.patience = patience;
  }

  /** The outcome: what was compared, and the differences that lasted. */
  public record Result(String partnerId, long asOf, int orders, int wallets, List<Difference> differences) {
  }

  public Result compare(IndependentLedger rules) throws IOException, InterruptedException {
    String partner = get("/api/v1/wallet").get("data").get("partnerId").asString();
    long asOf = rules.clock(partner);
    Map<String, IndependentLedger.ServedOrder> expected = rules.ordersOf(partner);
    Map<String, Long> wallets = rules.walletsOf(partner);
    long deadline = System.nanoTime() + patience.toNanos();
    List<Difference> differences;
    do {
      differences = new ArrayList<>();
      compareWallets(partner, asOf, wallets, differences);
      compareOrders(partner, asOf, expected, differences);
      if (differences.isEmpty()) {
        break;
      }
      Thread.sleep(1_000);
    } while (System.nanoTime() < deadline);
    return new Result(partner, asOf, expected.size(), wallets.size(), differences);
  }

  private void compareWallets(String partner, long asOf, Map<String, Long> expected, List<Difference> differences)
      throws IOException, InterruptedException {
    Map<String, Long> served = new HashMap<>();
    for (JsonNode wallet : get("/api/v1/wallet?asOf=" + asOf).get("data").get("wallets")) {
      String currency = wallet.get("currency").asString();
      served.put(currency, MinorUnits.fromDecimal(wallet.get("balance").decimalValue(), currency));
    }
    for (Map.Entry<String, Long> wallet : expected.entrySet()) {
      Long balance = served.get(wallet.getKey());
      if (balance == null || balance.longValue() != wallet.getValue()) {
        differences.add(new Difference(Difference.Kind.API_WALLET_DIFFERS, partner, null, wallet.getKey(), null, -1, -1,
            "balance " + wallet.getValue() + " as of " + asOf, balance == null ? "no such wallet" : "balance " + balance));
      }
    }
  }

  /** The orders the API lists; an order whose current answer differs is asked again as of the fold's time. */
  private void compareOrders(String partner, long asOf, Map<String, IndependentLedger.ServedOrder> expected, List<Difference> differences)
      throws IOException, InterruptedException {
    Map<String, JsonNode> listed = new HashMap<>();
    String cursor = null;
    do {
      JsonNode page = get("/api/v1/orders?orderType=all&limit=100" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor,
          StandardCharsets.UTF_8))).get("data");
      page.get("orders").forEach(order -> listed.put(order.get("_id").asString(), order));
      cursor = page.get("isDone").asBoolean() ? null : page.get("continueCursor").asString();
    } while (cursor != null);
    for (Map.Entry<String, IndependentLedger.ServedOrder> order : expected.entrySet()) {
      JsonNode served = listed.get(order.getKey());
      if (served != null && matches(order.getValue(), served)) {
        continue;
      }
      HttpResponse<String> then = send("/api/v1/orders/" + URLEncoder.encode(order.getKey(), StandardCharsets.UTF_8) + "?asOf=" + asOf);
      if (then.statusCode() == 404) {
        differences.add(new Difference(Difference.Kind.API_ORDER_MISSING, partner, order.getKey(), null, null, -1, -1, describe(order.getValue()),
            "not served"));
      } else if (!matches(order.getValue(), JSON.readTree(then.body()).get("data"))) {
        differences.add(new Difference(Difference.Kind.API_ORDER_DIFFERS, partner, order.getKey(), null, null, -1, -1, describe(order.getValue()),
            describe(JSON.readTree(then.body()).get("data"))));
      }
    }
    for (String orderId : listed.keySet()) {
      if (!expected.containsKey(orderId)) {
        HttpResponse<String> then = send("/api/v1/orders/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "?asOf=" + asOf);
        if (then.statusCode() == 200) {
          differences.add(new Difference(Difference.Kind.API_ORDER_UNEXPECTED, partner, orderId, null, null, -1, -1, "no such order",
              describe(JSON.readTree(then.body()).get("data"))));
        }
      }
    }
  }

  private static boolean matches(IndependentLedger.ServedOrder expected, JsonNode served) {
    String currency = served.get("currency").asString();
    BigDecimal amount = served.get("amount").decimalValue();
    return expected.state().toLowerCase(Locale.ROOT).equals(served.get("state").asString()) && expected.currency().equals(currency)
        && MinorUnits.fromDecimal(amount, currency) == expected.amountMinor();
  }

  private static String describe(IndependentLedger.ServedOrder order) {
    return order.state().toLowerCase(Locale.ROOT) + " " + MinorUnits.toDecimal(order.amountMinor(), order.currency()) + " " + order.currency();
  }

  private static String describe(JsonNode served) {
    return served.get("state").asString() + " " + served.get("amount").decimalValue() + " " + served.get("currency").asString();
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = send(path);
    if (response.statusCode() != 200) {
      throw new IOException("the API answered " + response.statusCode() + " to " + path + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** One request; a 429 or 503 is waited out as its Retry-After says, a few times. */
  private HttpResponse<String> send(String path) throws IOException, InterruptedException {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve(path)).header("X-API-KEY", key)
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      if ((response.statusCode() != 429 && response.statusCode() != 503) || attempt == 20) {
        return response;
      }
      Thread.sleep(1_000L * Math.max(1, response.headers().firstValueAsLong("Retry-After").orElse(1)));
    }
  }
}
