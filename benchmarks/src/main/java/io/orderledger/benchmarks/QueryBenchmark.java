package io.orderledger.benchmarks;

import io.orderledger.events.topic.TopicNames;
import io.orderledger.events.DecisionKind;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.MoneyFlow;
import io.orderledger.events.MovementDirection;
import io.orderledger.events.MovementKind;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.events.SourceRecord;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.journal.JournalChain;
import io.orderledger.events.topic.PartnerId;
import io.orderledger.query.api.ApiKeyRegistry;
import io.orderledger.query.app.QueryApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * endpoint on the same server that returns a pre-rendered body of the same size, measured in the same run. The big
 * partner also has an audit trail: 10 decisions (with the source's record) on each of 2,000 orders, and a GHS wallet
 * of 100,000 hash-chained journal entries. Every endpoint is measured once per round, rounds interleaved, by a load
 * generator in its own JVM ({@link HttpLoadProcess}); a first round warms up and is not counted; every round's ratios
 * are printed, and the result line gives ratios of medians over the counted rounds.
 * Run: {@code benchmarks/run.sh query [-Dorders=1000000 -Dconcurrency=16 -Dseconds=10 -Dwarmup=4 -Drounds=3]}.
 */
public final class QueryBenchmark {

  private static final String KEY = "benchmark-key";
  private static final long FIRST_CREATED = 1_770_000_000_000L;
  private static final long FIRST_BOOKED = 1_775_000_000_000L;
  private static final int DECISIONS_PER_ORDER = 10;
  /** The get-sized static body at a path with an order id in it, routed by pattern as the get is. */
  private static final String ID_BASELINE = "baseline (get-sized, id in the path)";

  public static void main(String[] args) throws Exception {
    int orders = Integer.getInteger("orders", 1_000_000);
    int partners = Integer.getInteger("partners", 100);
    int partitions = Integer.getInteger("partitions", 6);
    int concurrency = Integer.getInteger("concurrency", 16);
    Duration duration = Duration.ofSeconds(Integer.getInteger("seconds", 10));
    Duration warmup = Duration.ofSeconds(Integer.getInteger("warmup", 4));
    int historyOrders = Integer.getInteger("historyOrders", 2_000);
    int journalEntries = Integer.getInteger("journalEntries", 100_000);
    String big = String.format("partner-%03d", 0);

    try (BenchmarkKafka kafka = BenchmarkKafka.start(Integer.getInteger("port", 19092))) {
      kafka.createTopics(partitions, TopicNames.ORDER_VIEWS, TopicNames.WALLET_JOURNAL, TopicNames.LEDGER_DECISIONS, TopicNames.ORDER_EVENTS,
          TopicNames.WALLET_DISCREPANCIES, TopicNames.LEDGER_CHECKPOINTS);
      List<List<String>> idsByPartner = fill(kafka, orders, partners, partitions);
      fillAuditTrail(kafka, big, idsByPartner.get(0).subList(0, historyOrders), journalEntries);
      int port = Integer.getInteger("httpPort", 18080);
      int managementPort = Integer.getInteger("managementPort", port + 1000);
      long loadStart = System.nanoTime();
      try (ConfigurableApplicationContext app = new SpringApplicationBuilder(QueryApplication.class, BaselineEndpoint.class).run(
          "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
          "--spring.kafka.streams.state-dir=" + WorkDirs.create("query-bench"),
          "--server.port=" + port,
          "--management.server.port=" + managementPort,
          "--query.topics.create=false",
          "--query.rate-limit.enabled=false",
          "--query.cursor-secret=benchmark-cursor-secret-32-bytes",
          "--query.ledger-mac-key=" + BenchmarkMac.KEY,
          "--query.api-keys[0].partner-id=" + big,
          "--query.api-keys[0].key-sha256=" + ApiKeyRegistry.sha256Hex(KEY),
          "--query.api-keys[0].permissions=orders:read,wallet:read,audit:read", // the history and statement endpoints
          "--logging.level.root=WARN")) {
        String base = "http://127.0.0.1:" + port;
        int total = idsByPartner.stream().mapToInt(List::size).sum();
        // Reads are measured against a store that holds everything written, never one still catching up.
        String management = "http://127.0.0.1:" + managementPort;
        waitUntilLoaded(management, "query.views.applied", total);
        waitUntilLoaded(management, "query.journal.applied", journalEntries);
        waitUntilLoaded(management, "query.decisions.applied", historyOrders * DECISIONS_PER_ORDER);
        System.out.printf("materialised %,d orders in %.1f s%n", total, (System.nanoTime() - loadStart) / 1e9);

        // All requests are the big partner's (100,000 orders): the worst case for scans.
        List<String> ids = idsByPartner.get(0);
        List<String> audited = ids.subList(0, historyOrders);
        // A creation window holding 1% of the partner's orders (they were created a minute apart), somewhere in its history.
        long windowMillis = ids.size() / 100 * 60_000L;
        java.util.function.Function<java.util.concurrent.ThreadLocalRandom, String> window = r -> {
          long from = FIRST_CREATED + r.nextLong(ids.size() * 60_000L - windowMillis);
          return "/api/v1/orders?createdFrom=" + from + "&createdTo=" + (from + windowMillis);
        };
        // A statement page somewhere in the wallet: 20 entries from a random booking time.
        java.util.function.Function<java.util.concurrent.ThreadLocalRandom, String> statement = r ->
            "/api/v1/wallet/statement?currency=GHS&limit=20&from=" + (FIRST_BOOKED + r.nextLong(journalEntries - 20) * 1_000L);
        int listBytes = get(base + "/api/v1/orders").length;
        int getBytes = get(base + "/api/v1/orders/" + ids.get(0)).length;
        int historyBytes = get(base + "/api/v1/orders/" + audited.get(0) + "/history").length;
        int statementBytes = get(base + statement.apply(java.util.concurrent.ThreadLocalRandom.current())).length;
        List<Endpoint> endpoints = List.of(
            new Endpoint("baseline (list-sized)", r -> "/api/v1/_baseline?bytes=" + listBytes),
            new Endpoint("list (default scope)", r -> "/api/v1/orders"),
            new Endpoint("list state=reversed (1%)", r -> "/api/v1/orders?orderType=all&state=reversed"),
            new Endpoint("list created window (1%)", window),
            new Endpoint("baseline (get-sized)", r -> "/api/v1/_baseline?bytes=" + getBytes),
            new Endpoint("get by id", r -> "/api/v1/orders/" + ids.get(r.nextInt(ids.size()))),
            new Endpoint(ID_BASELINE, r -> "/api/v1/_baseline/" + ids.get(r.nextInt(ids.size())) + "?bytes=" + getBytes),
            new Endpoint("baseline (history-sized)", r -> "/api/v1/_baseline?bytes=" + historyBytes),
            new Endpoint("history (10 decisions)", r -> "/api/v1/orders/" + audited.get(r.nextInt(audited.size())) + "/history"),
            new Endpoint("baseline (statement-sized)", r -> "/api/v1/_baseline?bytes=" + statementBytes),
            new Endpoint("statement page (20)", statement));
        // The load runs in a JVM of its own; each endpoint's requests are drawn from 20,000 paths sampled here. A first
        // round warms both JVMs up (and lets the stores' caches settle after loading) and is not counted.
        List<List<HttpLoad.Result>> rounds = new ArrayList<>();
        int measuredRounds = Integer.getInteger("rounds", 3);
        ApiCpu apiCpu = new ApiCpu(app.getBean(io.micrometer.core.instrument.MeterRegistry.class), port);
        java.util.Map<String, List<Double>> cpuPerRequest = new java.util.LinkedHashMap<>();
        try (HttpLoadProcess load = HttpLoadProcess.start(KEY)) {
          java.util.Map<String, List<String>> sampled = new java.util.LinkedHashMap<>();
          for (Endpoint endpoint : endpoints) {
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
              paths.add(endpoint.paths().apply(java.util.concurrent.ThreadLocalRandom.current()));
            }
            sampled.put(endpoint.name(), paths);
          }
          for (int round = 0; round <= measuredRounds; round++) {
            List<HttpLoad.Result> results = new ArrayList<>();
            StringBuilder cpuLine = new StringBuilder();
            for (Endpoint endpoint : endpoints) {
              ApiCpu.Mark before = apiCpu.mark();
              results.add(load.run(endpoint.name(), base, sampled.get(endpoint.name()), concurrency, warmup, duration));
              double micros = apiCpu.microsPerRequestSince(before);
              if (round > 0) {
                cpuPerRequest.computeIfAbsent(endpoint.name(), name -> new ArrayList<>()).add(micros);
              }
              cpuLine.append(String.format("%s%s %.0f", cpuLine.isEmpty() ? "" : ", ", endpoint.name(), micros));
            }
            printRatios(round == 0 ? "warm-up round, not counted" : "round " + round, results);
            System.out.println("  the API's request threads, CPU µs per request (warm-up and measured requests): " + cpuLine);
            if (round > 0) {
              rounds.add(results);
            }
          }
        }
        System.out.printf("partner %s: %,d orders, %,d with a 10-decision history, a GHS wallet of %,d entries; response sizes: list %d B, "
                + "get %d B, history %d B, statement page %d B; concurrency %d, %d s per run%n",
            big, ids.size(), historyOrders, journalEntries, listBytes, getBytes, historyBytes, statementBytes, concurrency, duration.toSeconds());
        rounds.forEach(results -> results.forEach(System.out::println));
        // The machine is shared: each endpoint's median over the rounds, and ratios of medians.
        java.util.function.BiFunction<String, java.util.function.ToDoubleFunction<HttpLoad.Result>, Double> median = (name, value) ->
            median(rounds.stream().flatMap(List::stream).filter(r -> r.name().equals(name)).mapToDouble(value).sorted().toArray());
        double list = median.apply("list (default scope)", HttpLoad.Result::throughput);
        double get = median.apply("get by id", HttpLoad.Result::throughput);
        double history = median.apply("history (10 decisions)", HttpLoad.Result::throughput);
        double statementRate = median.apply("statement page (20)", HttpLoad.Result::throughput);
        double listP99 = median.apply("list (default scope)", r -> r.p99());
        System.out.printf("RESULT query list/baseline=%.2f get/baseline=%.2f filtered-p99/list-p99=%.2f window-p99/list-p99=%.2f "
                + "history/baseline=%.2f statement/baseline=%.2f history-p99/get-p99=%.2f%n",
            list / median.apply("baseline (list-sized)", HttpLoad.Result::throughput),
            get / median.apply("baseline (get-sized)", HttpLoad.Result::throughput),
            median.apply("list state=reversed (1%)", r -> r.p99()) / listP99,
            median.apply("list created window (1%)", r -> r.p99()) / listP99,
            history / median.apply("baseline (history-sized)", HttpLoad.Result::throughput),
            statementRate / median.apply("baseline (statement-sized)", HttpLoad.Result::throughput),
            median.apply("history (10 decisions)", r -> r.p99()) / median.apply("get by id", r -> r.p99()));
        // What a request costs the server, beside what the shared machine let it serve: CPU per request over the
        // same-size static body's, each the median of the measured rounds.
        java.util.function.Function<String, Double> cpu = name -> median(cpuPerRequest.get(name).stream().mapToDouble(Double::doubleValue).sorted().toArray());
        System.out.printf("RESULT query-api-cpu list=%.0fus baseline=%.0fus list/baseline=%.2f get=%.0fus baseline=%.0fus get/baseline=%.2f "
                + "history/baseline=%.2f statement/baseline=%.2f%n",
            cpu.apply("list (default scope)"), cpu.apply("baseline (list-sized)"), cpu.apply("list (default scope)") / cpu.apply("baseline (list-sized)"),
            cpu.apply("get by id"), cpu.apply("baseline (get-sized)"), cpu.apply("get by id") / cpu.apply("baseline (get-sized)"),
            cpu.apply("history (10 decisions)") / cpu.apply("baseline (history-sized)"),
            cpu.apply("statement page (20)") / cpu.apply("baseline (statement-sized)"));
        System.out.printf("RESULT query-routing get/id-in-path-baseline=%.2f id-in-path-baseline/fixed-path-baseline=%.2f cpu_get=%.0fus"
                + " cpu_id_in_path_baseline=%.0fus cpu_fixed_path_baseline=%.0fus%n",
            get / median.apply(ID_BASELINE, HttpLoad.Result::throughput),
            median.apply(ID_BASELINE, HttpLoad.Result::throughput) / median.apply("baseline (get-sized)", HttpLoad.Result::throughput),
            cpu.apply("get by id"), cpu.apply(ID_BASELINE), cpu.apply("baseline (get-sized)"));
        // The targets hold in every measured round, not only in the medians: the worst round of each.
        System.out.printf("RESULT query-worst-round list/baseline=%.2f get/baseline=%.2f list-p99/baseline-p99=%.2f get-p99/baseline-p99=%.2f%n",
            worst(rounds, "list (default scope)", "baseline (list-sized)", HttpLoad.Result::throughput, true),
            worst(rounds, "get by id", "baseline (get-sized)", HttpLoad.Result::throughput, true),
            worst(rounds, "list (default scope)", "baseline (list-sized)", r -> r.p99(), false),
            worst(rounds, "get by id", "baseline (get-sized)", r -> r.p99(), false));
      }
    }
  }

  /** Each endpoint's rate over its same-size baseline in one round, and the p99 comparisons. */
  private static void printRatios(String round, List<HttpLoad.Result> results) {
    java.util.Map<String, HttpLoad.Result> by = new java.util.HashMap<>();
    results.forEach(r -> by.put(r.name(), r));
    System.out.printf("%s: list/baseline %.2f, get/baseline %.2f (get/id-in-path baseline %.2f; id-in-path/fixed-path baseline %.2f),"
            + " history/baseline %.2f, statement/baseline %.2f; list p99/baseline p99 %.2f,"
            + " get p99/baseline p99 %.2f, 1%%-window p99/list p99 %.2f%n", round,
        by.get("list (default scope)").throughput() / by.get("baseline (list-sized)").throughput(),
        by.get("get by id").throughput() / by.get("baseline (get-sized)").throughput(),
        by.get("get by id").throughput() / by.get(ID_BASELINE).throughput(),
        by.get(ID_BASELINE).throughput() / by.get("baseline (get-sized)").throughput(),
        by.get("history (10 decisions)").throughput() / by.get("baseline (history-sized)").throughput(),
        by.get("statement page (20)").throughput() / by.get("baseline (statement-sized)").throughput(),
        (double) by.get("list (default scope)").p99() / by.get("baseline (list-sized)").p99(),
        (double) by.get("get by id").p99() / by.get("baseline (get-sized)").p99(),
        (double) by.get("list created window (1%)").p99() / by.get("list (default scope)").p99());
  }

  /** The worst per-round ratio of {@code name} over {@code baseline}: the lowest for rates, the highest for latencies. */
  private static double worst(List<List<HttpLoad.Result>> rounds, String name, String baseline,
                              java.util.function.ToDoubleFunction<HttpLoad.Result> value, boolean lowestIsWorst) {
    double worst = lowestIsWorst ? Double.MAX_VALUE : 0;
    for (List<HttpLoad.Result> round : rounds) {
      double measured = round.stream().filter(r -> r.name().equals(name)).mapToDouble(value).findFirst().orElseThrow();
      double base = round.stream().filter(r -> r.name().equals(baseline)).mapToDouble(value).findFirst().orElseThrow();
      worst = lowestIsWorst ? Math.min(worst, measured / base) : Math.max(worst, measured / base);
    }
    return worst;
  }

  private record Endpoint(String name, java.util.function.Function<java.util.concurrent.ThreadLocalRandom, String> paths) {
  }

  private static double median(double[] sorted) {
    return sorted[sorted.length / 2];
  }

  private static byte[] get(String url) throws Exception {
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("X-API-KEY", KEY).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " -> " + response.statusCode() + " " + new String(response.body()));
    }
    return response.body();
  }

  /** Waits until the query service has applied {@code records} of a kind (its counter, on its management port). */
  private static void waitUntilLoaded(String management, String counter, int records) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    Await.until("the query service applied " + records + " records (" + counter + ")", Duration.ofMinutes(20), Duration.ofSeconds(1), () -> {
      HttpResponse<String> metric = client.send(HttpRequest.newBuilder(URI.create(management + "/actuator/metrics/" + counter)).build(),
          HttpResponse.BodyHandlers.ofString());
      int at = metric.body().indexOf("\"value\":");
      return metric.statusCode() == 200 && at > 0 && Double.parseDouble(metric.body().substring(at + 8, metric.body().indexOf('}', at))) >= records;
    });
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
          long createdAt = FIRST_CREATED + i * 60_000L + random.nextInt(1_000);
          OrderSnapshot snapshot = OrderSnapshot.newBuilder()
              .setOrderId(orderId).setCreationTime(createdAt + ".4454").setCreatedAt(createdAt).setUpdatedAt(createdAt + 5_000)
              .setShortReference(Integer.toString(100_000 + random.nextInt(900_000))).setBeneficiaryMsisdn("23354" + (1_000_000 + random.nextInt(9_000_000)))
              .setOperatorId("kd7ff6sssan1v3d00dbbttwaa57yp27d").setOperatorName("MTN").setProductId("m17dnxcx4sww9qym18d73b5v6x7yqqah")
              .setProductName("enterprise-api").setPackageId("kn79vk1wapbwx3q3z252yvr8ph7yqmct").setPackageLabel("1 GB")
              .setAmountMinor(100L + random.nextInt(5_000)).setCurrency("GHS").setState(state).setOrderType(type)
              .setProviderRef(state == OrderState.COMPLETED ? "JESSCO-" + (4_000_000 + i) : null).setSubmittedAt(createdAt + 200)
              .setCompletedAt(state == OrderState.COMPLETED ? createdAt + 5_000 : null).setIsBulkOrder(false).build();
          OrderView view = OrderView.newBuilder().setPartnerId(partner).setOrderId(orderId).setVersion(3L).setLastEventId(orderId + ":e3")
              .setFirstSeenAt(createdAt + 100).setOrder(snapshot).setWalletBalanceBeforeMinor(5_000_000L - i * 10L)
              .setWalletBalanceAfterMinor(5_000_000L - i * 10L - snapshot.getAmountMinor()).setRefundedMinor(0L).setBookedAt(createdAt + 5_000).build();
          producer.send(BenchmarkMac.sealed(TopicNames.ORDER_VIEWS, PartnerId.partitionOf(partner, partitions),
              (partner + "/" + orderId).getBytes(StandardCharsets.UTF_8), serdes.orderView().serialize(TopicNames.ORDER_VIEWS, view)),
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

  /**
   * The big partner's audit trail: {@code DECISIONS_PER_ORDER} decisions on each of {@code orderIds}, each with its
   * event and a source record the size of a NetConnect order; and one GHS wallet of {@code entries} chained entries,
   * booked a second apart from {@code FIRST_BOOKED}.
   */
  private static void fillAuditTrail(BenchmarkKafka kafka, String partner, List<String> orderIds, int entries) {
    EventSerdes serdes = EventSerdes.shipped();
    AtomicReference<Exception> failure = new AtomicReference<>();
    byte[] key = partner.getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      org.apache.kafka.clients.producer.Callback check = (metadata, e) -> failure.compareAndSet(null, e);
      long offset = 0;
      OrderState[] path = {OrderState.PENDING, OrderState.PROCESSING, OrderState.COMPLETED};
      for (String orderId : orderIds) {
        long at = FIRST_BOOKED;
        for (int d = 0; d < DECISIONS_PER_ORDER; d++) {
          at += 1_000;
          String eventId = "nc-a/" + orderId + "/" + (d + 1);
          OrderState state = path[Math.min(d, 2)];
          String json = "{\"_creationTime\":1775046434454.9124,\"_id\":\"" + orderId + "\",\"amount\":4.25,\"beneficiaryMsisdn\":\"233541234567\","
              + "\"createdAt\":1775046434454,\"currency\":\"GHS\",\"isBulkOrder\":false,\"operatorId\":\"kd7ff6sssan1v3d00dbbttwaa57yp27d\","
              + "\"operatorName\":\"MTN\",\"orderType\":\"data\",\"packageId\":\"kn79vk1wapbwx3q3z252yvr8ph7yqmct\",\"packageLabel\":\"1 GB\","
              + "\"productId\":\"m17dnxcx4sww9qym18d73b5v6x7yqqah\",\"productName\":\"enterprise-api\",\"providerRef\":\"JESSCO-4175984\","
              + "\"shortReference\":\"563967\",\"state\":\"" + state.name().toLowerCase() + "\",\"submittedAt\":1775046434454,\"updatedAt\":" + at + "}";
          OrderSnapshot snapshot = OrderSnapshot.newBuilder().setOrderId(orderId).setCreatedAt(FIRST_CREATED).setUpdatedAt(at)
              .setAmountMinor(425L).setCurrency("GHS").setState(state).setOrderType(OrderType.DATA).setIsBulkOrder(false).build();
          OrderEvent event = OrderEvent.newBuilder().setEventId(eventId).setPartnerId(partner).setOrderId(orderId).setSource("nc-a")
              .setPreviousState(d == 0 ? null : path[Math.min(d - 1, 2)]).setState(state).setOccurredAt(at - 100).setObservedAt(at - 10)
              .setOrder(snapshot).setMoneyFlow(MoneyFlow.PURCHASE).setChangedFields(d == 0 ? List.of() : List.of("updatedAt"))
              .setSourceRecord(SourceRecord.newBuilder().setSystem("netconnect").setNativeId(orderId).setNativeStatus(state.name().toLowerCase())
                  .setSourceUpdatedAt(at).setJson(json).setSha256("ab".repeat(32)).setRedactedFields(List.of()).build())
              .build();
          LedgerDecisionRecord decision = LedgerDecisionRecord.newBuilder().setPartnerId(partner).setOrderId(orderId).setEventId(eventId)
              .setDecision(DecisionKind.APPLIED).setRejectReason(null).setDetail(null).setInputTopic(TopicNames.ORDER_EVENTS).setInputPartition(0)
              .setInputOffset(offset++).setDecidedAt(at).setOccurredAt(at - 100).setObservedAt(at - 10)
              .setStateBefore(d == 0 ? null : path[Math.min(d - 1, 2)]).setStateAfter(state).setEventState(state).setVersionBefore(d)
              .setVersionAfter(d + 1L).setChangedFields(d == 0 ? List.of() : List.of("updatedAt")).setAmountMinor(425L).setCurrency("GHS")
              .setMoneyFlow(MoneyFlow.PURCHASE).setMovements(List.of()).setDiscrepancies(List.of()).setSource("nc-a")
              .setSourceSystem("netconnect").setNativeId(orderId).setNativeStatus(state.name().toLowerCase()).setSourceRecordSha256("ab".repeat(32))
              .build();
          producer.send(new ProducerRecord<>(TopicNames.ORDER_EVENTS, key, serdes.orderEvent().serialize(TopicNames.ORDER_EVENTS, event)), check);
          producer.send(BenchmarkMac.sealed(TopicNames.LEDGER_DECISIONS, null, key, serdes.ledgerDecision().serialize(TopicNames.LEDGER_DECISIONS, decision)), check);
        }
      }
      String previous = JournalChain.GENESIS;
      long balance = 0;
      for (int i = 1; i <= entries; i++) {
        boolean credit = i % 50 == 1;
        long amount = credit ? 1_000_000 : 100 + i % 900;
        long after = credit ? balance + amount : balance - amount;
        WalletEntry entry = WalletEntry.newBuilder().setEntryId(partner + "-e" + i + "/move").setPartnerId(partner).setOrderId(partner + "-o" + i)
            .setEventId(partner + "-e" + i).setKind(credit ? MovementKind.TOP_UP_CREDIT : MovementKind.ORDER_DEBIT)
            .setDirection(credit ? MovementDirection.CREDIT : MovementDirection.DEBIT).setAmountMinor(amount).setCurrency("GHS")
            .setBalanceBeforeMinor(balance).setBalanceAfterMinor(after).setSequence(i).setOccurredAt(FIRST_BOOKED + i * 1_000L - 50)
            .setBookedAt(FIRST_BOOKED + i * 1_000L).setPreviousHash(previous).setHash(null).build();
        entry.setHash(JournalChain.hash(previous, entry));
        producer.send(BenchmarkMac.sealed(TopicNames.WALLET_JOURNAL, null, key, serdes.walletEntry().serialize(TopicNames.WALLET_JOURNAL, entry)), check);
        previous = entry.getHash();
        balance = after;
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("filling the audit trail failed", failure.get());
    }
  }
}
