package io.orderledger.benchmarks.freshness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the changes the near {@link ApiObserver} cannot see: changes to orders older than its horizon (a late
 * completion, a reversal). It follows the simulator's change feed and, for each such order, asks the API for that one
 * order every {@code periodMillis} until the API shows a version that includes the change. Asking only for those
 * orders keeps the timing fine without listing every order again and again (which loaded the machine enough to slow
 * the very pipeline being measured).
 */
public final class ChangeFollower implements Runnable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String simulatorUrl;
  private final String apiUrl;
  private final Function<String, String> apiKeyOfSource;
  private final long horizonMillis;
  private final long periodMillis;
  private final VisibilityLog log;
  private final Map<String, Long> createdAt = new HashMap<>();
  /** Orders being watched: API id → the latest change time not yet seen, and the key to ask with. */
  private final Map<String, long[]> watched = new HashMap<>();
  private final Map<String, String> keyOf = new HashMap<>();
  private volatile boolean running = true;
  private volatile long followed;
  private volatile long gets;
  private int next;

  /**
   * @param from           the simulator's change count when the window opened
   * @param apiKeyOfSource the API key of the partner a simulator source belongs to
   * @param horizonMillis  the near observer's horizon: orders younger than this (less a margin) are left to it
   */
  public ChangeFollower(String simulatorUrl, String apiUrl, int from, Function<String, String> apiKeyOfSource, long horizonMillis,
                        long periodMillis, VisibilityLog log) {
    this.simulatorUrl = simulatorUrl;
    this.apiUrl = apiUrl;
    this.next = from;
    this.apiKeyOfSource = apiKeyOfSource;
    this.horizonMillis = horizonMillis;
    this.periodMillis = periodMillis;
    this.log = log;
  }

  public void stop() {
    running = false;
  }

  /** How many changes were followed one by one, and with how many single-order reads. */
  public String summary() {
    return String.format("%,d changes to older orders followed one by one (%,d single-order reads)", followed, gets);
  }

  @Override
  public void run() {
    while (running) {
      long started = System.currentTimeMillis();
      try {
        readFeed();
        askForWatched();
      } catch (Exception e) {
        System.err.println("change follower: " + e);
      }
      long rest = periodMillis - (System.currentTimeMillis() - started);
      if (rest > 0) {
        try {
          Thread.sleep(rest);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void readFeed() throws Exception {
    JsonNode changes = JSON.readTree(get(simulatorUrl + "/control/changes?from=" + next, null));
    long now = System.currentTimeMillis();
    for (JsonNode change : changes) {
      next++;
      String id = FreshnessIds.apiId(change);
      long at = change.get(4).asLong();
      if (change.get(6).toString().contains("\"created\"")) {
        createdAt.put(id, at);
      }
      Long created = createdAt.get(id);
      // A margin of a second: an order about to leave the near view is followed here as well.
      if (created == null || now - created > horizonMillis - 1_000) {
        followed++;
        keyOf.putIfAbsent(id, apiKeyOfSource.apply(change.get(0).asString()));
        watched.merge(id, new long[] {at}, (a, b) -> new long[] {Math.max(a[0], b[0])});
      }
    }
  }

  private void askForWatched() throws Exception {
    for (Iterator<Map.Entry<String, long[]>> it = watched.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, long[]> order = it.next();
      HttpResponse<String> response = send(apiUrl + "/api/v1/orders/" + order.getKey(), keyOf.get(order.getKey()));
      gets++;
      if (response.statusCode() != 200) {
        continue; // not there yet
      }
      long now = System.currentTimeMillis();
      long updatedAt = JSON.readTree(response.body()).get("data").get("updatedAt").asLong();
      log.saw(order.getKey(), updatedAt, now);
      if (updatedAt >= order.getValue()[0]) {
        it.remove();
      }
    }
  }

  private String get(String url, String key) throws Exception {
    HttpResponse<String> response = send(url, key);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode());
    }
    return response.body();
  }

  private HttpResponse<String> send(String url, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (key != null) {
      request.header("X-API-KEY", key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
