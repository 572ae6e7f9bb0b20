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
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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
  private final long periodNanos;
  private volatile boolean running = true;
  private volatile long rounds;
  private volatile long busyNanos;
  private volatile long firstStarted;
  private volatile long lastStarted;

  /**
   * @param periodMillis a round starts at most this often (0: each at once after the last). Rounds back to back (one
   *     every 42-57 ms) cost the query service's HTTP threads 0.63-0.70 CPU s per 1,000 changes, charged to the stack,
   *     and were about half of the benchmark JVM's 58% of a core, on the two cores the stack it measures runs on;
   *     at most every 100 ms, 0.37-0.46 (BENCHMARKS.md, 2026-12-05 night)
   */
  public ApiObserver(String apiUrl, List<String> apiKeys, LongSupplier horizon, VisibilityLog log, long periodMillis) {
    this.apiUrl = apiUrl;
    this.apiKeys = apiKeys;
    this.horizon = horizon;
    this.log = log;
    this.periodNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(periodMillis);
  }

  public void stop() {
    running = false;
  }

  public long rounds() {
    return rounds;
  }

  /** The mean time one round took. */
  public double meanRoundMillis() {
    return rounds == 0 ? Double.NaN : busyNanos / 1e6 / rounds;
  }

  /** The mean time from one round's start to the next's: a version is seen at most about this long after it became visible. */
  public double meanIntervalMillis() {
    return rounds < 2 ? Double.NaN : (lastStarted - firstStarted) / 1e6 / (rounds - 1);
  }

  @Override
  public void run() {
    while (running) {
      long started = System.nanoTime();
      try {
        if (rounds == 0) {
          firstStarted = started;
        }
        long oldest = horizon.getAsLong();
        for (String key : apiKeys) {
          listDownTo(key, oldest);
        }
        lastStarted = started;
        rounds++;
        busyNanos += System.nanoTime() - started;
        long rest = periodNanos - (System.nanoTime() - started);
        if (rest > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(rest);
        }
      } catch (Exception e) {
        System.err.println("observer: " + e);
      }
    }
  }

  private void listDownTo(String key, long oldest) throws Exception {
    String cursor = null;
    while (true) {
      Page page = Page.read(get("/api/v1/orders?orderType=all&limit=100"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), key));
      long now = System.currentTimeMillis();
      boolean older = false;
      for (Page.Seen order : page.orders()) {
        log.saw(order.id(), order.updatedAt(), now);
        older |= order.createdAt() < oldest;
      }
      if (older || page.done()) {
        return;
      }
      cursor = page.continueCursor();
    }
  }

  /**
   * What the observer needs of a list page: each order's id and times, whether it is the last page, and the cursor.
   * Read with Jackson's streaming parser, not as a tree: the observer shares the two cores with the stack it measures,
   * and building a tree of every order of every page was a third of a core at 340 changes/s.
   */
  record Page(List<Seen> orders, boolean done, String continueCursor) {

    record Seen(String id, long createdAt, long updatedAt) {
    }

    static Page read(String body) {
      List<Seen> orders = new java.util.ArrayList<>();
      boolean done = false;
      String cursor = null;
      try (JsonParser json = JSON.createParser(body)) {
        expect(json.nextToken(), JsonToken.START_OBJECT);
        while (json.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = json.currentName();
          JsonToken value = json.nextToken();
          if (!name.equals("data") || value != JsonToken.START_OBJECT) {
            json.skipChildren();
            continue;
          }
          while (json.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = json.currentName();
            JsonToken fieldValue = json.nextToken();
            switch (field) {
              case "orders" -> {
                expect(fieldValue, JsonToken.START_ARRAY);
                while (json.nextToken() == JsonToken.START_OBJECT) {
                  orders.add(order(json));
                }
              }
              case "isDone" -> done = fieldValue == JsonToken.VALUE_TRUE;
              case "continueCursor" -> cursor = fieldValue == JsonToken.VALUE_STRING ? json.getString() : null;
              default -> json.skipChildren();
            }
          }
        }
      }
      return new Page(orders, done, cursor);
    }

    private static Seen order(JsonParser json) {
      String id = null;
      long createdAt = 0;
      long updatedAt = 0;
      while (json.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = json.currentName();
        json.nextToken();
        switch (name) {
          case "_id" -> id = json.getString();
          case "createdAt" -> createdAt = json.getLongValue();
          case "updatedAt" -> updatedAt = json.getLongValue();
          default -> json.skipChildren();
        }
      }
      return new Seen(id, createdAt, updatedAt);
    }

    private static void expect(JsonToken token, JsonToken expected) {
      if (token != expected) {
        throw new IllegalStateException("not an orders page: " + token + " where " + expected + " belongs");
      }
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
