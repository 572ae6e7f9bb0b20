package io.orderledger.benchmarks;

import io.orderledger.local.LocalStack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end freshness: the time from a state change in the simulator to the change being visible through the API,
 * with the local stack's default settings (poll interval 250 ms, Streams commit interval 100 ms) and the simulator
 * placing orders at a steady rate. An observer lists every partner's recent orders through the API in a loop and
 * notes when each (order, state) first shows; the simulator reports when it made each change.
 * Run: {@code benchmarks/run.sh freshness [-Dchanges=10000 -DordersPerTick=2 -DtickMillis=100]}.
 */
public final class FreshnessBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** The observer lists orders up to this old: a short view keeps each round (and so the timing error) small. */
  private static final long HORIZON_MILLIS = 6_000;

  public static void main(String[] args) throws Exception {
    int changes = Integer.getInteger("changes", 10_000);
    long tickMillis = Long.getLong("tickMillis", 100);
    int ordersPerTick = Integer.getInteger("ordersPerTick", 2);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String classpath = Files.readString(Path.of("local-stack/target/kafka-broker.classpath")).strip()
        + java.io.File.pathSeparator + Path.of("local-stack/target/classes").toAbsolutePath();
    try (BenchmarkKafka kafka = BenchmarkKafka.start(Integer.getInteger("port", 19092))) {
      LocalStack.Options options = new LocalStack.Options(Path.of("").toAbsolutePath(), Files.createTempDirectory("freshness"),
          kafka.bootstrapServers(), 18080, 0, 18090, 18081, 18082, tickMillis, ordersPerTick, 7, 30_000, Duration.ofSeconds(60), false);
      try (LocalStack stack = LocalStack.start(options, classpath)) {
        stack.awaitOrdersVisible(Duration.ofSeconds(180));
        Thread.sleep(10_000); // warm-up: JIT, caches and the first partitions' assignment behind us; not counted
        int from = JSON.readTree(get(http, stack.simulatorUrl() + "/control/status", null)).get("changes").asInt();
        Map<String, Long> firstSeen = new ConcurrentHashMap<>();
        Observer observer = new Observer(http, stack, firstSeen);
        Thread thread = new Thread(observer, "freshness-observer");
        thread.start();
        long started = System.currentTimeMillis();
        while (JSON.readTree(get(http, stack.simulatorUrl() + "/control/status", null)).get("changes").asInt() < from + changes) {
          Thread.sleep(500);
        }
        int to = JSON.readTree(get(http, stack.simulatorUrl() + "/control/status", null)).get("changes").asInt();
        long producing = System.currentTimeMillis() - started;
        Thread.sleep(5_000); // the last changes' way through; anything slower than this is counted as not seen
        observer.stop();
        thread.join();

        JsonNode made = JSON.readTree(get(http, stack.simulatorUrl() + "/control/changes?from=" + from + "&to=" + to, null));
        // Measured: changes made within the first second of their order's life (creations included), which the
        // observer, listing the newest orders up to HORIZON old, keeps in view for at least five more seconds.
        Map<String, Long> createdAt = new java.util.HashMap<>();
        Histogram latency = new Histogram(60_000, 3);
        int seen = 0;
        int superseded = 0;
        int outOfView = 0;
        for (JsonNode change : made) {
          String order = change.get(0).asString() + "/" + change.get(1).asString();
          long at = change.get(4).asLong();
          createdAt.putIfAbsent(order, change.get(2).asString().equals("pending") ? at : Long.MIN_VALUE);
          long created = createdAt.get(order);
          if (created == Long.MIN_VALUE || at - created > 1_000) {
            outOfView++;
            continue;
          }
          String key = Observer.key(change.get(0).asString(), change.get(1).asString(), change.get(2).asString(), change.get(3).asString(),
              change.get(5).asString());
          Long visibleAt = firstSeen.get(key);
          if (visibleAt == null) {
            superseded++;
          } else {
            latency.recordValue(Math.max(0, visibleAt - at));
            seen++;
          }
        }
        System.out.printf("%,d changes in %.1f s (%.0f changes/s) through simulator → poller → ledger → query; observer: %,d API list rounds"
                + " (one every %.0f ms)%n", made.size(), producing / 1000.0, made.size() * 1000.0 / producing, observer.rounds,
            (producing + 5_000.0) / Math.max(1, observer.rounds));
        System.out.printf("measured: %,d changes seen through the API; %,d never seen (replaced by the order's next state before"
            + " a poll or an API read caught it); %,d not measured (made more than 1 s into the order's life, out of the observer's view)%n",
            seen, superseded, outOfView);
        System.out.printf("freshness p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (target p99 < 1000 ms)%n",
            latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99), latency.getMaxValue());
      }
    }
  }

  /** Lists each demo partner's recent orders through the API, again and again, noting when each (order, state) first shows. */
  private static final class Observer implements Runnable {
    private final HttpClient http;
    private final LocalStack stack;
    private final Map<String, Long> firstSeen;
    private volatile boolean running = true;
    volatile long rounds;

    Observer(HttpClient http, LocalStack stack, Map<String, Long> firstSeen) {
      this.http = http;
      this.stack = stack;
      this.firstSeen = firstSeen;
    }

    void stop() {
      running = false;
    }

    /** Identifies one change: the source's order, its state and, for a bulk order, its recipients' states. */
    static String key(String sourceId, String orderId, String state, String recipients, String shape) {
      String id = shape.equals("NETCONNECT") ? orderId : sourceId + ":" + orderId;
      return id + "|" + state + "|" + recipients;
    }

    @Override
    public void run() {
      while (running) {
        try {
          long horizon = System.currentTimeMillis() - HORIZON_MILLIS;
          for (String[] demo : LocalStack.DEMO_KEYS) {
            String cursor = null;
            boolean older = false;
            while (!older) {
              JsonNode data = JSON.readTree(get(http, stack.apiUrl() + "/api/v1/orders?orderType=all&limit=100"
                  + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), demo[1])).get("data");
              long now = System.currentTimeMillis();
              for (JsonNode order : data.get("orders")) {
                StringBuilder recipients = new StringBuilder();
                for (JsonNode recipient : order.path("bulkRecipients")) {
                  String status = recipient.get("status").asString();
                  recipients.append(status.equals("processing") ? 'R' : Character.toUpperCase(status.charAt(0)));
                }
                firstSeen.putIfAbsent(order.get("_id").asString() + "|" + order.get("state").asString() + "|" + recipients, now);
                older |= order.get("createdAt").asLong() < horizon;
              }
              if (data.get("isDone").asBoolean()) {
                break;
              }
              cursor = data.get("continueCursor").asString();
            }
          }
          rounds++;
        } catch (Exception e) {
          System.err.println("observer: " + e);
        }
      }
    }
  }

  private static String get(HttpClient http, String url, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (key != null) {
      request.header("X-API-KEY", key);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
