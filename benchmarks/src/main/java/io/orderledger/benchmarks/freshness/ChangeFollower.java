package io.orderledger.benchmarks.freshness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the changes the near {@link ApiObserver} cannot see: changes to orders older than its horizon (a late
 * completion, a reversal), and changes to young orders that the near observer had not seen by the time their order
 * left its view. It follows the simulator's change feed and, for each such order, asks the API for that one order
 * every {@code periodMillis} until the API shows a version that includes the change. Asking only for those orders
 * keeps the timing fine without listing every order again and again (which loaded the machine enough to slow the very
 * pipeline being measured).
 *
 * <p>Until 2026-12-05 a change to an order a little younger than the horizon was left to the near observer alone: when
 * the pipeline took longer than the order's remaining time in view (a change at 4.9 s of a 6 s horizon, shown 1.2 s
 * later), nobody saw it, and it was counted "not visible within 30 s" at the drain's end. In runs where such changes
 * passed 1% of all, the p99 was that artefact (37.6 s where the changes seen had a p99 of a few seconds).
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
  /** Changes left to the near observer, by when their order leaves its view: one it has not seen by then is followed here. */
  private final PriorityQueue<Young> young = new PriorityQueue<>(Comparator.comparingLong(Young::leavesViewAt));
  private volatile long handedOver;
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
    return String.format("%,d changes to older orders and %,d the near observer had not seen when their order left its view followed"
        + " one by one (%,d single-order reads)", followed - handedOver, handedOver, gets);
  }

  private record Young(String orderId, long changedAt, long leavesViewAt, String apiKey) {
  }

  @Override
  public void run() {
    while (running) {
      long started = System.currentTimeMillis();
      try {
        readFeed();
        handOverUnseen();
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
    for (JsonNode change : changes) {
      next++;
      String id = FreshnessIds.apiId(change);
      long at = change.get(4).asLong();
      if (change.get(6).toString().contains("\"created\"")) {
        createdAt.put(id, at);
      }
      Long created = createdAt.get(id);
      // By the order's age at the change, not at this read: a follower behind the feed would follow everything. A margin
      // of a second: an order about to leave the near view is followed here as well.
      String key = apiKeyOfSource.apply(change.get(0).asString());
      if (created == null || at - created > horizonMillis - 1_000) {
        follow(id, at, key);
      } else {
        young.add(new Young(id, at, created + horizonMillis - 1_000, key));
      }
    }
  }

  /** Young orders' changes the near observer has not shown by the time their order is about to leave its view. */
  private void handOverUnseen() {
    long now = System.currentTimeMillis();
    while (!young.isEmpty() && young.peek().leavesViewAt() <= now) {
      Young change = young.poll();
      if (log.visibleAt(change.orderId(), change.changedAt()) < 0) {
        handedOver++;
        follow(change.orderId(), change.changedAt(), change.apiKey());
      }
    }
  }

  private void follow(String orderId, long changedAt, String apiKey) {
    followed++;
    keyOf.putIfAbsent(orderId, apiKey);
    watched.merge(orderId, new long[] {changedAt}, (a, b) -> new long[] {Math.max(a[0], b[0])});
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
