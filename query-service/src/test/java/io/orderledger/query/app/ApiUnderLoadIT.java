package io.orderledger.query.app;

import static io.orderledger.query.Views.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.testing.kafka.SharedKafkaBroker;
import io.orderledger.testing.net.FreePorts;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Limits that hold under abuse: one key flooding the API is answered 429 with Retry-After while another key is
 * served as usual, and clients that open connections and then dawdle (a request line never finished, a response
 * never read) cannot starve everyone else. The bounds asserted are generous (seconds, not milliseconds): they tell a
 * starved server from a busy one, and the latencies themselves are printed, not asserted.
 */
class ApiUnderLoadIT {

  private static final String A = "key-of-partner-a";
  private static final String B = "key-of-partner-b";
  private static final String FLOODER = QueryServiceRunner.RATE_PROBE_KEY;
  private static QueryServiceRunner runner;
  private static ConfigurableApplicationContext app;
  private static int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startService() throws Exception {
    runner = new QueryServiceRunner(SharedKafkaBroker.get(), "load-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    List<OrderView> views = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      views.add(view("partner-a", "a" + i, OrderType.DATA, OrderState.COMPLETED, 1_775_000_000_000L + i, 1));
      views.add(view("partner-c", "c" + i, OrderType.DATA, OrderState.COMPLETED, 1_775_000_000_000L + i, 1));
    }
    runner.send(views, List.of());
    port = FreePorts.freePort();
    // The shipped rate limit (50/s, bursts of 100) and the shipped Tomcat settings.
    app = runner.start(port, List.of("--query.rate-limit.per-second=50", "--query.rate-limit.burst=100"));
    await().atMost(Duration.ofSeconds(90)).until(() -> runner.readiness(port).statusCode() == 200
        && runner.get(port, "/api/v1/orders?limit=100", A).body().contains("\"a49\""));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aFloodingKeyIsThrottledWhileAnotherKeyIsServed() throws Exception {
    Map<Integer, AtomicInteger> floodStatuses = new ConcurrentHashMap<>();
    List<String> retryAfters = Collections.synchronizedList(new ArrayList<>());
    List<String> unavailable = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean flooding = new AtomicBoolean(true);
    ExecutorService flood = Executors.newFixedThreadPool(24);
    for (int t = 0; t < 24; t++) {
      flood.submit(() -> {
        while (flooding.get()) {
          HttpResponse<String> response = send("/api/v1/orders?limit=20", FLOODER);
          floodStatuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
          if (response.statusCode() == 429 && retryAfters.size() < 10) {
            retryAfters.add(response.headers().firstValue("Retry-After").orElse(null));
          }
          if (response.statusCode() == 503 && unavailable.size() < 10) {
            unavailable.add(response.headers().firstValue("Retry-After").orElse("no Retry-After") + " " + response.body());
          }
        }
        return null;
      });
    }
    List<Long> latencies = new ArrayList<>();
    List<Integer> statuses = new ArrayList<>();
    // The flood is at full speed once the flooder is being throttled.
    await().atMost(Duration.ofSeconds(30)).until(() -> floodStatuses.containsKey(429));
    long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
    while (System.nanoTime() < until) {
      long sent = System.nanoTime();
      statuses.add(send("/api/v1/orders?limit=20", A).statusCode());
      latencies.add((System.nanoTime() - sent) / 1_000_000);
      Thread.sleep(50); // 20 requests a second: well inside the key's own limit
    }
    flooding.set(false);
    flood.shutdown();
    assertThat(flood.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(floodStatuses.get(429)).as("the flooder is throttled: %s", floodStatuses).isNotNull();
    // A 503 is the API's own "not now" (UNAVAILABLE, with Retry-After), seen once in a fresh-clone CI run (2026-12-03)
    // while 24 threads flooded two cores; any other status is a failure. What each 503 said is printed.
    assertThat(floodStatuses.keySet()).as("the flooder sees only 200 and 429 (503s: %s)", unavailable).isSubsetOf(200, 429, 503);
    assertThat(unavailable).as("every 503 is UNAVAILABLE with a Retry-After")
        .allSatisfy(answer -> assertThat(answer).doesNotStartWith("no Retry-After").contains("\"UNAVAILABLE\""));
    assertThat(retryAfters).isNotEmpty().allSatisfy(v -> assertThat(Integer.parseInt(v)).isPositive());
    assertThat(statuses).as("the other key, meanwhile").containsOnly(200);
    Collections.sort(latencies);
    long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
    assertThat(p99).as("p99 ms of the other key's requests during the flood").isLessThan(2_000);
    System.out.printf("[under load] flood of 24 threads with one key: %s%s; meanwhile another key: %d requests, all 200, median %d ms,"
        + " p99 %d ms%n", floodStatuses, unavailable.isEmpty() ? "" : " (503s said: " + unavailable + ")", latencies.size(),
        latencies.get(latencies.size() / 2), p99);
  }

  /**
   * A flood of wrong keys from one address (here 127.0.0.3: every address in 127/8 reaches the loopback service): the
   * address spends its allowance of failures (the shipped 20, regaining 30 a minute) and is then refused with 429 and
   * Retry-After, even when it sends a right key; another address (127.0.0.1) is served meanwhile; the failures are
   * counted on the management port.
   */
  @Test
  void aFloodOfWrongKeysFromOneAddressIsStoppedWhileOthersAreServed() throws Exception {
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    java.net.InetAddress attacker = java.net.InetAddress.getByName("127.0.0.3");
    for (int i = 0; i < 200; i++) {
      statuses.merge(rawStatus(attacker, "guess-" + i), 1, Integer::sum);
    }
    assertThat(statuses.get(401)).as("wrong keys answered 401 until the allowance was spent").isBetween(15, 25);
    assertThat(statuses.get(429)).as("then 429").isGreaterThan(170);
    assertThat(rawStatus(attacker, A)).as("a right key from that address, while it is refused").isEqualTo(429);
    assertThat(runner.get(port, "/api/v1/orders?limit=1", A).statusCode()).as("another address meanwhile").isEqualTo(200);
    String metrics = runner.get(runner.management(port), "/actuator/prometheus", null).body();
    assertThat(metrics).contains("query_auth_failures_total{reason=\"unknown\"}", "query_auth_failures_total{reason=\"blocked\"}");
    System.out.printf("[under load] 200 wrong keys from 127.0.0.3: %s; a right key from it then 429; 127.0.0.1 served 200%n", statuses);
  }

  /** The status of one request sent from a given local address. */
  private int rawStatus(java.net.InetAddress from, String key) throws Exception {
    try (Socket socket = new Socket()) {
      socket.bind(new java.net.InetSocketAddress(from, 0));
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /api/v1/orders?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-KEY: " + key
          + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      return Integer.parseInt(response.substring(9, 12));
    }
  }

  @Test
  void dawdlingClientsCannotStarveTheRest() throws Exception {
    List<Socket> dawdlers = new ArrayList<>();
    try {
      // 400 connections that never finish their request line, 100 that send a request and never read the answer.
      for (int i = 0; i < 400; i++) {
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write("GET /api/v1/orders?limit=100 HTTP/1.1\r\nHost: x\r\nX-API-KEY: ".getBytes(StandardCharsets.US_ASCII));
        dawdlers.add(socket);
      }
      for (int i = 0; i < 100; i++) {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setReceiveBufferSize(1024);
        // Another partner's key: the normal client's own rate limit is not what is tested here.
        socket.getOutputStream().write(("GET /api/v1/orders?limit=100&orderType=all HTTP/1.1\r\nHost: x\r\nX-API-KEY: " + B + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        dawdlers.add(socket);
      }
      List<Long> latencies = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        long sent = System.nanoTime();
        HttpResponse<String> response = send("/api/v1/orders?limit=20", A);
        latencies.add((System.nanoTime() - sent) / 1_000_000);
        assertThat(response.statusCode()).isEqualTo(200);
      }
      Collections.sort(latencies);
      assertThat(latencies.get(latencies.size() - 1)).as("slowest ms of a normal client's requests among 500 dawdlers").isLessThan(3_000);
      System.out.printf("[under load] 500 dawdling connections held open: a normal client's 40 requests all 200, median %d ms, max %d ms%n",
          latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
    } finally {
      for (Socket socket : dawdlers) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing is best effort
        }
      }
    }
  }

  private HttpResponse<String> send(String path, String key) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-API-KEY", key)
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
