package io.orderledger.benchmarks.freshness;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists each partner's orders through the API, newest first, down to a horizon, again and again, and writes every
 * version it sees into the {@link VisibilityLog}. A near horizon gives short rounds (fine timing for young orders);
 * a far one sees every order (coarser timing for changes late in an order's life). Rounds are counted and timed so
 * that the report can state the sampling error.
 */
public final class ApiObserver implements Runnable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String apiUrl;
  private final List<String> apiKeys;
  private final LongSupplier horizon;
  private final VisibilityLog log;
  private volatile boolean running = true;
  private volatile long rounds;
  private volatile long busyNanos;

  public ApiObserver(String apiUrl, List<String> apiKeys, LongSupplier horizon, VisibilityLog log) {
    this.apiUrl = apiUrl;
    this.apiKeys = apiKeys;
    this.horizon = horizon;
    this.log = log;
  }

  public void stop() {
    running = false;
  }

  public long rounds() {
    return rounds;
  }

  /** The mean time one round took: a version is seen at most this long after it became visible. */
  public double meanRoundMillis() {
    return rounds == 0 ? Double.NaN : busyNanos / 1e6 / rounds;
  }

  @Override
  public void run() {
    while (running) {
      long started = System.nanoTime();
      try {
        long oldest = horizon.getAsLong();
        for (String key : apiKeys) {
          listDownTo(key, oldest);
        }
        rounds++;
        busyNanos += System.nanoTime() - started;
      } catch (Exception e) {
        System.err.println("observer: " + e);
      }
    }
  }

  private void listDownTo(String key, long oldest) throws Exception {
    String cursor = null;
    while (true) {
      JsonNode data = JSON.readTree(get("/api/v1/orders?orderType=all&limit=100"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), key)).get("data");
      long now = System.currentTimeMillis();
      boolean older = false;
      for (JsonNode order : data.get("orders")) {
        log.saw(order.get("_id").asString(), order.get("updatedAt").asLong(), now);
        older |= order.get("createdAt").asLong() < oldest;
      }
      if (older || data.get("isDone").asBoolean()) {
        return;
      }
      cursor = data.get("continueCursor").asString();
    }
  }

  private String get(String path, String key) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + path)).timeout(Duration.ofSeconds(10)).header("X-API-KEY", key).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
