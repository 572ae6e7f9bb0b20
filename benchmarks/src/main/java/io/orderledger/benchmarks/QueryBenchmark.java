package io.orderledger.benchmarks;

import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.topic.PartnerId;
import io.orderledger.query.api.ApiKeyRegistry;
import io.orderledger.query.app.QueryApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Query API throughput and latency over 1,000,000 orders of 100 partners (one with 100,000), against a baseline
 * endpoint on the same server that returns a pre-rendered body of the same size, measured in the same run.
 * Run: {@code benchmarks/run.sh query [-Dorders=1000000 -Dconcurrency=16 -Dseconds=20]}.
 */
public final class QueryBenchmark {

  private static final String KEY = "benchmark-key";

  public static void main(String[] args) throws Exception {
    int orders = Integer.getInteger("orders", 1_000_000);
    int partners = Integer.getInteger("partners", 100);
    int partitions = Integer.getInteger("partitions", 6);
    int concurrency = Integer.getInteger("concurrency", 16);
    Duration duration = Duration.ofSeconds(Integer.getInteger("seconds", 20));
    Duration warmup = Duration.ofSeconds(Integer.getInteger("warmup", 8));
    String big = String.format("partner-%03d", 0);

    try (BenchmarkKafka kafka = BenchmarkKafka.start(Integer.getInteger("port", 19092))) {
      kafka.createTopics(partitions, "order-views", "wallet-journal");
      List<List<String>> idsByPartner = fill(kafka, orders, partners, partitions);
      int port = Integer.getInteger("httpPort", 18080);
      long loadStart = System.nanoTime();
      try (ConfigurableApplicationContext app = new SpringApplicationBuilder(QueryApplication.class).run(
          "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
          "--spring.kafka.streams.state-dir=" + Files.createTempDirectory("query-bench"),
          "--server.port=" + port,
          "--query.topics.create=false",
          "--query.rate-limit.enabled=false",
          "--query.benchmark-baseline=true",
          "--query.cursor-secret=benchmark-cursor-secret-32-bytes",
          "--query.api-keys[0].partner-id=" + big,
          "--query.api-keys[0].key-sha256=" + ApiKeyRegistry.sha256Hex(KEY),
          "--logging.level.root=WARN")) {
        String base = "http://127.0.0.1:" + port;
        int total = idsByPartner.stream().mapToInt(List::size).sum();
        waitUntilLoaded(base, total);
        System.out.printf("materialised %,d orders in %.1f s%n", total, (System.nanoTime() - loadStart) / 1e9);

        // All requests are the big partner's (100,000 orders): the worst case for scans.
        List<String> ids = idsByPartner.get(0);
        int listBytes = get(base + "/api/v1/orders").length;
        int filteredBytes = get(base + "/api/v1/orders?orderType=all&state=reversed").length;
        int getBytes = get(base + "/api/v1/orders/" + ids.get(0)).length;
        HttpLoad load = new HttpLoad(KEY);
        List<HttpLoad.Result> results = new ArrayList<>();
        int rounds = Integer.getInteger("rounds", 3);
        for (int round = 0; round < rounds; round++) {
          results.add(load.run("baseline (list-sized)", base, r -> "/api/v1/_baseline?bytes=" + listBytes, concurrency, warmup, duration));
          results.add(load.run("list (default scope)", base, r -> "/api/v1/orders", concurrency, warmup, duration));
          results.add(load.run("list state=reversed (1%)", base, r -> "/api/v1/orders?orderType=all&state=reversed", concurrency, warmup, duration));
          results.add(load.run("baseline (get-sized)", base, r -> "/api/v1/_baseline?bytes=" + getBytes, concurrency, warmup, duration));
          results.add(load.run("get by id", base, r -> "/api/v1/orders/" + ids.get(r.nextInt(ids.size())), concurrency, warmup, duration));
        }
        System.out.printf("partner %s: %,d orders; response sizes: list %d B, filtered list %d B, get %d B; concurrency %d, %d s per run%n",
            big, ids.size(), listBytes, filteredBytes, getBytes, concurrency, duration.toSeconds());
        results.forEach(System.out::println);
        // The machine is shared: each endpoint's median over the rounds, and ratios of medians.
        double baselineList = median(results, 0, HttpLoad.Result::throughput);
        double list = median(results, 1, HttpLoad.Result::throughput);
        double baselineGet = median(results, 3, HttpLoad.Result::throughput);
        double get = median(results, 4, HttpLoad.Result::throughput);
        double listP99 = median(results, 1, r -> (double) r.p99());
        double filteredP99 = median(results, 2, r -> (double) r.p99());
        System.out.printf("medians: baseline(list) %,.0f/s, list %,.0f/s (p99 %,.0f µs), filtered list p99 %,.0f µs, baseline(get) %,.0f/s, get %,.0f/s%n",
            baselineList, list, listP99, filteredP99, baselineGet, get);
        System.out.printf("RESULT query list/baseline=%.2f get/baseline=%.2f filtered-p99/list-p99=%.2f%n",
            list / baselineList, get / baselineGet, filteredP99 / listP99);
      }
    }
  }

  private static double median(List<HttpLoad.Result> results, int endpoint, java.util.function.ToDoubleFunction<HttpLoad.Result> value) {
    List<Double> values = new ArrayList<>();
    for (int i = endpoint; i < results.size(); i += 5) {
      values.add(value.applyAsDouble(results.get(i)));
    }
    values.sort(null);
    return values.get(values.size() / 2);
  }

  private static byte[] get(String url) throws Exception {
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("X-API-KEY", KEY).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " -> " + response.statusCode() + " " + new String(response.body()));
    }
    return response.body();
  }

  private static void waitUntilLoaded(String base, int orders) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        String metric = client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/query.views.applied")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        int at = metric.indexOf("\"value\":");
        if (at > 0 && Double.parseDouble(metric.substring(at + 8, metric.indexOf('}', at))) >= orders) {
          return;
        }
      } catch (java.io.IOException | RuntimeException notYet) {
        // starting
      }
      Thread.sleep(1_000);
    }
    throw new IllegalStateException("the query service did not materialise the orders in time");
  }

  /** 1% of every partner's orders are reversed: the selective filter. */
  private static List<List<String>> fill(BenchmarkKafka kafka, int orders, int partners, int partitions) {
    EventSerdes serdes = EventSerdes.shipped();
    Random random = new Random(7);
    List<List<String>> ids = new ArrayList<>();
    int bigCount = orders / 10;
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int p = 0; p < partners; p++) {
        String partner = String.format("partner-%03d", p);
        int count = p == 0 ? bigCount : (orders - bigCount) / (partners - 1);
        List<String> partnerIds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          String orderId = partner.substring(8) + "kh72y10adpkj8kr1bbrgc" + Integer.toString(i, 36);
          partnerIds.add(orderId);
          int roll = random.nextInt(100);
          OrderState state = i % 100 == 0 ? OrderState.REVERSED : roll < 10 ? OrderState.FAILED : roll < 75 ? OrderState.COMPLETED
              : roll < 92 ? OrderState.PROCESSING : OrderState.PENDING;
          OrderType type = roll < 45 ? OrderType.DATA : roll < 60 ? OrderType.RESULT_CHECKER : roll < 85 ? OrderType.AIRTIME : OrderType.VOICE;
          long createdAt = 1_770_000_000_000L + i * 60_000L + random.nextInt(1_000);
          OrderSnapshot snapshot = OrderSnapshot.newBuilder()
              .setOrderId(orderId).setCreationTime(createdAt + ".4454").setCreatedAt(createdAt).setUpdatedAt(createdAt + 5_000)
              .setShortReference(Integer.toString(100_000 + random.nextInt(900_000))).setBeneficiaryMsisdn("23354" + (1_000_000 + random.nextInt(9_000_000)))
              .setOperatorId("kd7ff6sssan1v3d00dbbttwaa57yp27d").setOperatorName("MTN").setProductId("m17dnxcx4sww9qym18d73b5v6x7yqqah")
              .setProductName("enterprise-api").setPackageId("kn79vk1wapbwx3q3z252yvr8ph7yqmct").setPackageLabel("1 GB")
              .setAmountMinor(100L + random.nextInt(5_000)).setCurrency("GHS").setState(state).setOrderType(type)
              .setProviderRef(state == OrderState.COMPLETED ? "JESSCO-" + (4_000_000 + i) : null).setSubmittedAt(createdAt + 200)
              .setCompletedAt(state == OrderState.COMPLETED ? createdAt + 5_000 : null).setIsBulkOrder(false).build();
          OrderView view = new OrderView(partner, orderId, 3L, orderId + ":e3", createdAt + 100, snapshot, 5_000_000L - i * 10L,
              5_000_000L - i * 10L - snapshot.getAmountMinor(), 0L);
          producer.send(new ProducerRecord<>("order-views", PartnerId.partitionOf(partner, partitions),
              (partner + "/" + orderId).getBytes(StandardCharsets.UTF_8), serdes.orderView().serialize("order-views", view)),
              (metadata, e) -> failure.compareAndSet(null, e));
        }
        ids.add(partnerIds);
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("filling order-views failed", failure.get());
    }
    return ids;
  }
}
