package io.orderledger.benchmarks;

import io.orderledger.events.topic.TopicNames;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.poller.http.ResilienceSettings;
import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.ingest.KafkaCycleWriter;
import io.orderledger.poller.ingest.PollerMetrics;
import io.orderledger.poller.ingest.PollerTopics;
import io.orderledger.poller.ingest.ScanPlan;
import io.orderledger.poller.capture.Capture;
import io.orderledger.poller.checkpoint.Checkpoint;
import io.orderledger.poller.checkpoint.SeenOrder;
import io.orderledger.poller.detect.ChangeDetector;
import io.orderledger.poller.paging.ListDirection;
import io.orderledger.poller.paging.Listing;
import io.orderledger.events.OrderState;
import io.orderledger.poller.ingest.SourcePoller;
import io.orderledger.poller.paging.ScanWindow;
import io.orderledger.poller.sources.SupportedSource;
import io.orderledger.poller.sources.SupportedSources;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.simulator.world.SimOrder;
import io.orderledger.simulator.server.Faults;
import io.orderledger.simulator.server.ProviderSimulator;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimSource;
import io.orderledger.simulator.sources.SimulatedApis;
import io.orderledger.simulator.world.SourceShape;
import io.orderledger.simulator.world.WorldSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Poller ingest rate against a plain HTTP fetch of the same pages, in the same run, from the same simulator.
 *
 * <p>The simulator holds {@code orders} orders spread over the four API shapes. The poller (one thread per source,
 * cycling as the service's defaults have it: {@link Cycles#PRODUCTION}) ingests them from a cold start: every page fetched, parsed, mapped, change-detected, produced as
 * Avro and committed with its checkpoint in one transaction. NetConnect's and Paystack's lists leave fields out, so
 * the poller also reads each new order's single-order endpoint. The baseline is a plain {@code HttpClient} that only
 * makes the same requests (the same pages at the same sizes, and the same single-order GETs, one thread per source)
 * and throws the bodies away. Both rates are in orders/s; the first round warms the JVM and is not counted.
 * Run: {@code benchmarks/run.sh poller [-Dorders=100000 -Drounds=4]}.
 */
public final class PollerBenchmark {

  /** One source of each simulated API, each its own partner, in its default currency. */
  private static final List<SimSource> SOURCES = SimulatedApis.ALL.stream()
      .map(api -> SimSource.withDefaultCredentials(api.name(), api, "partner-" + api.name().replace('_', '-'), api.defaultCurrency()))
      .toList();
  /** Time spent scanning (fetch, parse, map) as opposed to detecting and committing: where the poller's time goes. */
  private static final java.util.concurrent.atomic.AtomicLong SCAN_NANOS = new java.util.concurrent.atomic.AtomicLong();
  private static final PollerMetrics SCAN_TIME = new PollerMetrics() {
    @Override
    public void scanned(String sourceId, int pages, boolean complete, long nanos) {
      SCAN_NANOS.addAndGet(nanos);
    }
  };
  private static final Pattern CURSOR = Pattern.compile("\"continueCursor\":\"([^\"]*)\"");

  public static void main(String[] args) throws Exception {
    int orders = Integer.getInteger("orders", 100_000);
    int rounds = Integer.getInteger("rounds", 4);
    int perStep = 500;
    ProviderWorld world = ProviderWorld.stepped(new WorldSettings(1, perStep, 1_000, 4_000), 1_780_000_000_000L, SOURCES);
    for (int i = 0; i < orders / (perStep * SOURCES.size()); i++) {
      world.step();
    }
    long total = world.read(view -> SOURCES.stream().mapToLong(s -> view.orders(s.id()).size()).sum());
    try (BenchmarkKafka kafka = BenchmarkKafka.start(Integer.getInteger("port", 19092));
         ProviderSimulator simulator = ProviderSimulator.start(world, new Faults(1), 0)) {
      System.out.printf("input: %,d upstream orders over %d sources (NetConnect and gift cards in pages of 100, eSIM and Paystack in pages of 500)%n",
          total, SOURCES.size());
      List<double[]> results = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double fetch = plainFetch(simulator, world);
        double scan = scanOnly(simulator, total);
        double poller = poll(kafka, simulator, round, total, Cycles.PRODUCTION);
        double wholeEveryCycle = poll(kafka, simulator, round, total, Cycles.WHOLE_EVERY_50_MS);
        if (round > 1 || rounds == 1) {
          results.add(new double[] {fetch, poller, wholeEveryCycle});
        }
        System.out.printf("%sround %d: plain fetch %,.0f orders/s, listing scan alone %,.0f orders/s, poller %,.0f orders/s, ratio %.2f;"
                + " with every cycle whole, 50 ms apart: %,.0f orders/s, ratio %.2f%n",
            round == 1 && rounds > 1 ? "warm-up, not counted: " : "", round, fetch, scan, poller, poller / fetch,
            wholeEveryCycle, wholeEveryCycle / fetch);
      }
      double fetchMean = results.stream().mapToDouble(r -> r[0]).average().orElseThrow();
      double pollerMean = results.stream().mapToDouble(r -> r[1]).average().orElseThrow();
      double wholeMean = results.stream().mapToDouble(r -> r[2]).average().orElseThrow();
      System.out.printf("result: plain fetch %,.0f orders/s, poller %,.0f orders/s, ratio %.2f (target >= 0.5); with every cycle whole,"
              + " 50 ms apart (the setting before 2026-12-05): %,.0f orders/s, ratio %.2f%n",
          fetchMean, pollerMean, pollerMean / fetchMean, wholeMean, wholeMean / fetchMean);
    }
    printQuietDetection(Integer.getInteger("quietWindow", 25_000));
  }

  /**
   * The change detection of a cycle that finds nothing, alone, on a window of {@code orders} open orders (a source's
   * window at a busy hour): what every quiet cycle pays on top of its scan, in the poller's thread.
   */
  private static void printQuietDetection(int orders) {
    SourceConfig source = new SourceConfig("quiet", SupportedSources.NETCONNECT, URI.create("http://127.0.0.1:1"), "partner-quiet", "k", null,
        100, Duration.ofSeconds(5));
    Map<String, SeenOrder> known = new java.util.HashMap<>();
    for (int i = 0; i < orders; i++) {
      known.put("quiet:" + i, new SeenOrder(1, OrderState.PENDING, i, "sha-" + i, "", 1_000_000L + i, 1_000_000L + i, null, null));
    }
    Checkpoint checkpoint = new Checkpoint("quiet", 1_000_000L, Long.MIN_VALUE, 1_000_000L + orders, ListDirection.NEWEST_FIRST, null,
        Map.copyOf(known));
    Listing nothingNew = new Listing(List.of(), List.of(), null, 1, ListDirection.NEWEST_FIRST, List.of());
    Capture nothing = new Capture(List.of(), List.of(), 0, null, 0);
    ChangeDetector detector = new ChangeDetector(source);
    long now = 1_000_000L + orders;
    checkpoint = detector.detect(checkpoint, nothingNew, nothing, now, true).next(); // the first moves the window once
    for (int round = 1; round <= 3; round++) {
      long start = System.nanoTime();
      int cycles = 0;
      while (System.nanoTime() - start < 2_000_000_000L) {
        ChangeDetector.Outcome outcome = detector.detect(checkpoint, nothingNew, nothing, now, true);
        if (outcome.checkpointChanged()) {
          throw new IllegalStateException("a quiet cycle changed the checkpoint");
        }
        checkpoint = outcome.next();
        cycles++;
      }
      System.out.printf("quiet cycle's change detection, window of %,d open orders, round %d: %.3f ms per cycle (%,d cycles)%n", orders,
          round, (System.nanoTime() - start) / 1e6 / cycles, cycles);
    }
  }

  /**
   * How the pollers cycle. {@code PRODUCTION} is the service's defaults ({@code poller.interval} 250 ms, every fourth
   * cycle whole, the others the last 10 s of orders): a source that has finished its first scan goes on as it would in
   * production while the others finish theirs. {@code WHOLE_EVERY_50_MS} is what this benchmark ran before 2026-12-05:
   * the sources done first rescanned their whole windows back to back, taking the CPU from the ones still reading.
   */
  enum Cycles {
    PRODUCTION(Duration.ofMillis(250), new ScanPlan(4, Duration.ofSeconds(10))),
    WHOLE_EVERY_50_MS(Duration.ofMillis(50), ScanPlan.WHOLE_WINDOW);

    final Duration interval;
    final ScanPlan plan;

    Cycles(Duration interval, ScanPlan plan) {
      this.interval = interval;
      this.plan = plan;
    }
  }

  /** The poller from a cold start: fresh topics and transactional ids, until every source has committed its first full scan. */
  private static double poll(BenchmarkKafka kafka, ProviderSimulator simulator, int round, long total, Cycles cycles) throws Exception {
    String prefix = "bench-" + round + "-" + cycles.name().toLowerCase(java.util.Locale.ROOT) + "-";
    kafka.createTopics(6, prefix + TopicNames.ORDER_EVENTS, prefix + TopicNames.ORDER_EVENTS_REJECTED, prefix + TopicNames.POLLER_CHECKPOINTS);
    PollerTopics topics = PollerTopics.of(prefix + TopicNames.ORDER_EVENTS, prefix + TopicNames.ORDER_EVENTS_REJECTED, prefix + TopicNames.POLLER_CHECKPOINTS,
        EventSerdes.shipped());
    Map<String, Object> kafkaConfig = Map.of("bootstrap.servers", kafka.bootstrapServers());
    List<SourcePoller> pollers = new ArrayList<>();
    for (SimSource source : SOURCES) {
      SourceConfig config = config(simulator, source);
      UpstreamHttp http = new UpstreamHttp(source.id(), ResilienceSettings.defaults(), f -> { });
      SupportedSource api = SupportedSources.of(config);
      pollers.add(new SourcePoller(config, api.paging(config, http), api.mapper(config),
          () -> new KafkaCycleWriter(kafkaConfig, prefix + "poller-" + source.id(), topics, config),
          SCAN_TIME, cycles.interval, cycles.plan, System::currentTimeMillis));
    }
    // Daemon threads: should the benchmark fail, they must not keep its JVM alive.
    List<Thread> threads = pollers.stream().map(p -> {
      Thread thread = new Thread(p);
      thread.setDaemon(true);
      return thread;
    }).toList();
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    while (!pollers.stream().allMatch(p -> p.cycles() >= 1)) {
      Thread.sleep(5); // a spinning wait would take a core from the poller on a two-core machine
    }
    long nanos = System.nanoTime() - start;
    System.out.printf("  poller round (" + cycles.name().toLowerCase(java.util.Locale.ROOT) + "): %.2f s wall, of which scanning (fetch, parse, map) %.2f s summed over %d source threads;"
            + " order-events holds %,d bytes for %,d events: %.0f bytes per event (zstd, with the source record)%n",
        nanos / 1e9, SCAN_NANOS.getAndSet(0) / 1e9, SOURCES.size(), kafka.logBytes(prefix + TopicNames.ORDER_EVENTS), total,
        (double) kafka.logBytes(prefix + TopicNames.ORDER_EVENTS) / total);
    printCaughtUpCost(pollers, threads);
    pollers.forEach(SourcePoller::stop);
    for (Thread thread : threads) {
      thread.join();
    }
    return total / (nanos / 1e9);
  }

  /**
   * Every source has ingested its orders and nothing changes upstream: what the pollers then cost, cycle after cycle, is
   * what a platform pays for a quiet window of this size (their own threads' CPU: the scans, captures and detections; a
   * cycle that finds nothing writes nothing).
   */
  private static void printCaughtUpCost(List<SourcePoller> pollers, List<Thread> threads) throws InterruptedException {
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long[] cpuBefore = threads.stream().mapToLong(thread -> cpu.getThreadCpuTime(thread.getId())).toArray();
    long[] cyclesBefore = pollers.stream().mapToLong(SourcePoller::cycles).toArray();
    long from = System.nanoTime();
    // A measuring window of a fixed number of cycles per source (a cycle that finds nothing writes nothing).
    int cyclesToMeasure = Integer.getInteger("caughtUpCycles", 20);
    Await.until("every source's " + cyclesToMeasure + " caught-up cycles", Duration.ofMinutes(2), Duration.ofMillis(20),
        () -> java.util.stream.IntStream.range(0, pollers.size()).allMatch(i -> pollers.get(i).cycles() - cyclesBefore[i] >= cyclesToMeasure));
    long nanos = System.nanoTime() - from;
    StringBuilder perSource = new StringBuilder();
    long cpuNanos = 0;
    for (int i = 0; i < threads.size(); i++) {
      long used = cpu.getThreadCpuTime(threads.get(i).getId()) - cpuBefore[i];
      long cycles = pollers.get(i).cycles() - cyclesBefore[i];
      cpuNanos += used;
      perSource.append(String.format(" %s %.1f ms per cycle (%d cycles),", pollers.get(i).sourceId(), used / 1e6 / Math.max(1, cycles), cycles));
    }
    System.out.printf("  caught up, nothing changing upstream (%.1f s, until every source had cycled %d times): the pollers' threads used %.1f%% of one core:%s%n", nanos / 1e9,
        cyclesToMeasure, cpuNanos * 100.0 / nanos, perSource.substring(0, perSource.length() - 1));
  }

  /** The listings' full scans alone (pages fetched and parsed; no single-order GETs, no mapping, no Kafka), one thread per source. */
  private static double scanOnly(ProviderSimulator simulator, long total) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SOURCES.size());
    try {
      long start = System.nanoTime();
      List<Future<?>> scans = new ArrayList<>();
      for (SimSource source : SOURCES) {
        SourceConfig config = config(simulator, source);
        var paging = SupportedSources.of(config).paging(config, new UpstreamHttp(source.id(), ResilienceSettings.defaults(), f -> { }));
        scans.add(pool.submit(() -> paging.scan(ScanWindow.EVERYTHING)));
      }
      for (Future<?> scan : scans) {
        scan.get();
      }
      return total / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  private static SourceConfig config(ProviderSimulator simulator, SimSource source) {
    return new SourceConfig(source.id(), SupportedSources.named(source.shape().name()), URI.create(simulator.baseUrl(source.id())),
        source.partnerId(), source.apiKey(), source.apiSecret(), pageSize(source.shape()), Duration.ofSeconds(5));
  }

  /** The baseline: the same requests, one thread per source, bodies read and dropped. */
  private static double plainFetch(ProviderSimulator simulator, ProviderWorld world) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService pool = Executors.newFixedThreadPool(SOURCES.size());
    try {
      long start = System.nanoTime();
      List<Future<Long>> fetched = new ArrayList<>();
      for (SimSource source : SOURCES) {
        List<String> ids = world.read(view -> view.orders(source.id()).stream().map(SimOrder::id).toList());
        fetched.add(pool.submit(() -> fetchAll(client, simulator.baseUrl(source.id()), source, ids)));
      }
      long orders = 0;
      for (Future<Long> future : fetched) {
        orders += future.get();
      }
      return orders / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  private static long fetchAll(HttpClient client, String base, SimSource source, List<String> ids) throws Exception {
    int count = ids.size();
    int size = pageSize(source.shape());
    int pages = (count + size - 1) / size;
    if (source.shape() == SimulatedApis.NETCONNECT) {
      String cursor = "";
      for (int page = 0; page < pages; page++) {
        String body = get(client, base + "/api/v1/orders?orderType=all&limit=" + size + (cursor.isEmpty() ? "" : "&cursor=" + cursor),
            Map.of("X-API-KEY", source.apiKey()));
        Matcher next = CURSOR.matcher(body);
        cursor = next.find() ? next.group(1) : "";
      }
      for (String id : ids) {
        get(client, base + "/api/v1/orders/" + id, Map.of("X-API-KEY", source.apiKey()));
      }
      return count;
    }
    for (int page = 1; page <= pages; page++) {
      switch (source.shape().name()) {
        case "gift_card" -> get(client, base + "/api/v1/orders?page=" + page + "&limit=" + size,
            Map.of("X-API-Key", source.apiKey(), "X-API-Secret", source.apiSecret()));
        case "esim" -> get(client, base + "/orders?page=" + page + "&limit=" + size, Map.of("X-API-Key", source.apiKey()));
        case "paystack" -> get(client, base + "/order?perPage=" + size + "&page=" + page, Map.of("Authorization", "Bearer " + source.apiKey()));
        default -> throw new IllegalStateException("no plain fetch for " + source.shape().name());
      }
    }
    if (source.shape() == SimulatedApis.PAYSTACK) {
      for (String id : ids) {
        get(client, base + "/order/" + id, Map.of("Authorization", "Bearer " + source.apiKey()));
      }
    }
    return count;
  }

  private static String get(HttpClient client, String url, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    headers.forEach(request::header);
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode());
    }
    return response.body();
  }

  private static int pageSize(SourceShape shape) {
    return shape == SimulatedApis.NETCONNECT || shape == SimulatedApis.GIFT_CARD ? 100 : 500;
  }
}
