package io.orderledger.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.orderledger.benchmarks.peer.PostgresLedger;
import io.orderledger.benchmarks.peer.PostgresOrdersEndpoint;
import io.orderledger.testing.process.PostgresServer;
import io.orderledger.events.DecisionKind;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.ledger.topology.LedgerMetrics;
import io.orderledger.ledger.seal.LedgerSeal;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.ledger.topology.LedgerTopics;
import io.orderledger.ledger.topology.LedgerTopology;
import io.orderledger.query.api.ApiKeyRegistry;
import io.orderledger.query.app.QueryApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ledger against the peer people build today: the same rules on PostgreSQL tables ({@link PostgresLedger}), the
 * same 1,000,000 events, measured in the same run on the same machine. Then the query side: List Orders (the default
 * scope, and one state, the 1%-selective filter) and Get Order from the state stores against the same endpoints on
 * PostgreSQL ({@link PostgresOrdersEndpoint}), on the same Spring Boot server, at the same concurrency, load from a JVM
 * of its own. The first round of each side warms up and is not counted.
 *
 * <p>Durability is paired honestly, in the same run: the ledger on a broker that leaves its writes to the page cache
 * (Kafka's default, one replica here) against PostgreSQL with {@code synchronous_commit=off} (which also returns before
 * its WAL is on disk), and the ledger with {@code flush.messages=1} on every topic it writes (outputs, changelogs,
 * {@code __transaction_state}, {@code __consumer_offsets}: an fsync per append) against PostgreSQL with {@code fsync}
 * and {@code synchronous_commit} on (a WAL flush per commit).
 * Run: {@code benchmarks/run.sh peer [-Devents=1000000 -DbatchSizes=500,2000,10000 [-DsweepOnly=true] | -DbatchSize=2000, -Drounds=2 -Dconcurrency=16]}.
 */
public final class PeerBenchmark {

  /** Memory settings a team would give a dedicated ledger database on this machine, beside the durable commits. */
  private static final List<String> DEDICATED_DATABASE = List.of("-c shared_buffers=1GB", "-c work_mem=32MB",
      "-c maintenance_work_mem=256MB", "-c max_wal_size=8GB", "-c checkpoint_timeout=15min", "-c wal_compression=on",
      "-c max_connections=100");

  private static final String KEY = "peer-benchmark-key";

  public static void main(String[] args) throws Exception {
    long events = Long.getLong("events", 1_000_000);
    int partners = Integer.getInteger("partners", 200);
    int partitions = Integer.getInteger("partitions", 6);
    int rounds = Integer.getInteger("rounds", 2);
    // The commit size is the peer's main knob: each size in the sweep folds the whole input into its own database and
    // the best is used for the counted rounds. -DbatchSize=N skips the sweep.
    String sweep = System.getProperty("batchSizes", "500,2000,10000");
    Integer fixedBatchSize = Integer.getInteger("batchSize");
    EventSerdes serdes = EventSerdes.shipped();
    String input = LedgerTopicNames.defaults().orderEvents();

    try (BenchmarkKafka kafka = BenchmarkKafka.start(Integer.getInteger("port", 19092));
         PostgresServer postgres = PostgresServer.start(Integer.getInteger("pgPort", 55432), WorkDirs.create("peer-postgres"),
             DEDICATED_DATABASE)) {
      kafka.createTopics(partitions, input);
      long bytes = LedgerBenchmark.fill(kafka, input, events, partners, serdes);
      System.out.printf("input: %,d events, %d partners, %d partitions, %.0f bytes/event; PostgreSQL: fsync on; the commit-size sweep"
              + " with synchronous_commit on%n", events, partners, partitions, (double) bytes / events);
      int batchSize = fixedBatchSize != null ? fixedBatchSize : bestBatchSize(postgres, kafka, serdes, input, partitions, events, sweep);
      boolean pairings = !Boolean.getBoolean("durableOnly");
      System.out.printf("PostgreSQL peer: one transaction per batch of %,d events%n", batchSize);
      if (Boolean.getBoolean("sweepOnly")) {
        return;
      }

      List<double[]> folds = new ArrayList<>();
      LedgerTopicNames lastNames = null;
      String lastDatabase = null;
      for (int round = 1; round <= rounds; round++) {
        // The ledger, exactly_once_v2, fresh application id and output topics.
        LedgerTopicNames names = LedgerTopicNames.defaults().outputsPrefixed("r" + round + "-");
        kafka.createTopics(partitions, names.orderViews(), names.walletJournal(), names.rejected(), names.walletDiscrepancies(),
            names.orderOwners(), names.decisions(), names.checkpoints());
        AtomicLong decided = new AtomicLong();
        LedgerMetrics counting = new LedgerMetrics() {
          @Override
          public void decided(DecisionKind kind) {
            decided.incrementAndGet();
          }
        };
        double ledger = kafka.measure("r" + round + "-ledger", LedgerTopology.build(LedgerTopics.of(names, serdes), serdes, counting, LedgerSeal.ephemeral(BenchmarkMac.KEY)),
            input, partitions, events, decided::get, Map.of());

        // The peer: a fresh database, the same input from the beginning.
        String database = "peer_r" + round;
        double peer = foldIntoNewDatabase(postgres, kafka, serdes, input, partitions, events, batchSize, database, true);
        String counted = round == 1 && rounds > 1 ? "warm-up, not counted: " : "";
        System.out.printf(counted + "round %d: ledger (Kafka Streams, exactly_once_v2, page cache) %,.0f events/s, PostgreSQL peer"
            + " (synchronous_commit on) %,.0f events/s, ratio ledger/peer %.2f%n", round, ledger, peer, ledger / peer);
        double flushed = Double.NaN;
        double asyncPeer = Double.NaN;
        if (pairings) {
          flushed = flushedFold(kafka, serdes, input, partitions, events, round);
          asyncPeer = foldIntoNewDatabase(postgres, kafka, serdes, input, partitions, events, batchSize, database + "_async", false);
          System.out.printf(counted + "round %d, durability paired: page cache vs synchronous_commit=off: ledger %,.0f / PostgreSQL %,.0f"
                  + " = %.2f; a flush per append vs a WAL flush per commit: ledger %,.0f / PostgreSQL %,.0f = %.2f%n",
              round, ledger, asyncPeer, ledger / asyncPeer, flushed, peer, flushed / peer);
        }
        if (round > 1 || rounds == 1) {
          folds.add(new double[] {ledger, peer, flushed, asyncPeer});
        }
        lastNames = names;
        lastDatabase = database;
      }
      double ledgerRate = folds.stream().mapToDouble(f -> f[0]).average().orElseThrow();
      double peerRate = folds.stream().mapToDouble(f -> f[1]).average().orElseThrow();
      System.out.printf("RESULT peer-fold events=%d ledger=%.0f/s postgres=%.0f/s ratio=%.2f%n", events, ledgerRate, peerRate, ledgerRate / peerRate);
      if (pairings) {
        double flushedRate = folds.stream().mapToDouble(f -> f[2]).average().orElseThrow();
        double asyncRate = folds.stream().mapToDouble(f -> f[3]).average().orElseThrow();
        System.out.printf("RESULT peer-fold-paired page_cache: ledger=%.0f/s postgres_sync_off=%.0f/s ratio=%.2f;"
                + " durable: ledger_flushed=%.0f/s postgres_sync_on=%.0f/s ratio=%.2f%n",
            ledgerRate, asyncRate, ledgerRate / asyncRate, flushedRate, peerRate, flushedRate / peerRate);
      }

      queries(kafka, postgres, lastNames, lastDatabase, partitions, ledgerRate);
    }
  }

  /**
   * The ledger with an fsync per append on every topic it writes: its outputs and changelogs are created with
   * {@code flush.messages=1}, and the broker's transaction and offsets topics are set so for the fold, then reset.
   */
  private static double flushedFold(BenchmarkKafka kafka, EventSerdes serdes, String input, int partitions, long events, int round)
      throws Exception {
    LedgerTopicNames names = LedgerTopicNames.defaults().outputsPrefixed("r" + round + "f-");
    Map<String, String> flushEach = Map.of("flush.messages", "1");
    kafka.createTopics(partitions, flushEach, names.orderViews(), names.walletJournal(), names.rejected(), names.walletDiscrepancies(),
        names.orderOwners(), names.decisions(), names.checkpoints());
    String[] brokerTopics = {"__transaction_state", "__consumer_offsets"};
    kafka.setTopicConfig("flush.messages", "1", brokerTopics);
    try {
      AtomicLong decided = new AtomicLong();
      LedgerMetrics counting = new LedgerMetrics() {
        @Override
        public void decided(DecisionKind kind) {
          decided.incrementAndGet();
        }
      };
      return kafka.measure("r" + round + "f-ledger", LedgerTopology.build(LedgerTopics.of(names, serdes), serdes, counting,
          LedgerSeal.ephemeral(BenchmarkMac.KEY)), input, partitions, events, decided::get,
          Map.of(org.apache.kafka.streams.StreamsConfig.topicPrefix("flush.messages"), "1"));
    } finally {
      kafka.setTopicConfig("flush.messages", null, brokerTopics);
    }
  }

  private static long lagOf(BenchmarkKafka kafka, String groupId, String topic, int partitions) {
    try {
      return kafka.lag(groupId, topic, partitions);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the lag of " + groupId + " on " + topic, e);
    }
  }

  private static int bestBatchSize(PostgresServer postgres, BenchmarkKafka kafka, EventSerdes serdes, String input, int partitions, long events,
      String sizes) throws Exception {
    int best = 0;
    double bestRate = 0;
    for (String size : sizes.split(",")) {
      int batchSize = Integer.parseInt(size.trim());
      double rate = foldIntoNewDatabase(postgres, kafka, serdes, input, partitions, events, batchSize, "peer_batch_" + batchSize, true);
      System.out.printf("commit-size sweep: PostgreSQL peer, one transaction per %,d events: %,.0f events/s%n", batchSize, rate);
      if (rate > bestRate) {
        best = batchSize;
        bestRate = rate;
      }
    }
    return best;
  }

  /** @param synchronousCommit false: the database's commits return before their WAL is flushed ({@code synchronous_commit=off}) */
  private static double foldIntoNewDatabase(PostgresServer postgres, BenchmarkKafka kafka, EventSerdes serdes, String input, int partitions,
      long events, int batchSize, String database, boolean synchronousCommit) throws Exception {
    try (HikariDataSource admin = pool(postgres.jdbcUrl(), 1);
         Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("create database " + database);
      statement.execute("alter database " + database + " set synchronous_commit = " + (synchronousCommit ? "on" : "off"));
    }
    try (HikariDataSource pool = pool(postgres.jdbcUrl().replace("/postgres?", "/" + database + "?"), 2)) {
      PostgresLedger ledgerOnPostgres = new PostgresLedger(pool, serdes, input, batchSize);
      ledgerOnPostgres.createSchema();
      double rate = measure(ledgerOnPostgres, kafka, partitions, events);
      System.out.printf("  PostgreSQL %s after the fold: %s%n", database, tableSizes(pool));
      return rate;
    }
  }

  private static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  /** Events/s from 10% of the input folded to all of it committed, as {@link BenchmarkKafka#measure} does for Streams. */
  private static double measure(PostgresLedger ledger, BenchmarkKafka kafka, int partitions, long events) throws Exception {
    long[] start = {0, 0};
    ledger.fold(kafka.bootstrapServers(), partitions, events, done -> {
      if (start[0] == 0 && done >= events / 10) {
        start[0] = System.nanoTime();
        start[1] = done;
      }
    });
    return (events - start[1]) / ((System.nanoTime() - start[0]) / 1e9);
  }

  private static String tableSizes(HikariDataSource pool) throws Exception {
    List<String> sizes = new ArrayList<>();
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("select relname, n_live_tup, pg_total_relation_size(relid) from pg_stat_user_tables"
             + " order by pg_total_relation_size(relid) desc")) {
      while (rows.next()) {
        sizes.add(String.format("%s %,d rows %,d MiB", rows.getString(1), rows.getLong(2), rows.getLong(3) >> 20));
      }
    }
    return String.join("; ", sizes);
  }

  /** List and get from the state stores against the same from PostgreSQL, for the partner with the most orders. */
  private static void queries(BenchmarkKafka kafka, PostgresServer postgres, LedgerTopicNames names, String database, int partitions, double ledgerRate)
      throws Exception {
    String url = postgres.jdbcUrl().replace("/postgres?", "/" + database + "?");
    String partner;
    List<String> ids = new ArrayList<>();
    long orders;
    long reversed;
    try (HikariDataSource pool = pool(url, 1); Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      try (ResultSet top = statement.executeQuery("select partner_id, count(*) from order_views group by 1 order by 2 desc limit 1")) {
        top.next();
        partner = top.getString(1);
        orders = top.getLong(2);
      }
      try (ResultSet rows = statement.executeQuery("select order_id, state from order_views where partner_id = '" + partner + "'")) {
        long r = 0;
        while (rows.next()) {
          ids.add(rows.getString(1));
          r += rows.getString(2).equals("reversed") ? 1 : 0;
        }
        reversed = r;
      }
      long views;
      try (ResultSet all = statement.executeQuery("select count(*) from order_views")) {
        all.next();
        views = all.getLong(1);
      }
      System.setProperty("peer.jdbcUrl", url);
      System.setProperty("peer.views", String.valueOf(views));
    }
    int port = Integer.getInteger("httpPort", 18080);
    int concurrency = Integer.getInteger("concurrency", 16);
    Duration warmup = Duration.ofSeconds(Integer.getInteger("warmup", 4));
    Duration duration = Duration.ofSeconds(Integer.getInteger("seconds", 10));
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(QueryApplication.class, PostgresOrdersEndpoint.class).run(
        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--spring.kafka.streams.application-id=peer-query",
        "--spring.kafka.streams.state-dir=" + WorkDirs.create("peer-query"),
        "--server.port=" + port,
        "--query.topics.create=false",
        "--query.topics.partitions=" + partitions,
        "--query.topics.order-views=" + names.orderViews(),
        "--query.topics.wallet-journal=" + names.walletJournal(),
        "--query.topics.decisions=" + names.decisions(),
        "--query.topics.order-events=" + names.orderEvents(),
        "--query.topics.discrepancies=" + names.walletDiscrepancies(),
        "--query.topics.checkpoints=" + names.checkpoints(),
        "--query.rate-limit.enabled=false",
        "--query.cursor-secret=benchmark-cursor-secret-32-bytes",
        "--query.ledger-mac-key=" + BenchmarkMac.KEY,
        "--query.api-keys[0].partner-id=" + partner,
        "--query.api-keys[0].key-sha256=" + ApiKeyRegistry.sha256Hex(KEY),
        "--logging.level.root=WARN")) {
      String base = "http://127.0.0.1:" + port;
      long materialising = System.nanoTime();
      waitUntil(base + "/api/v1/orders/" + ids.get(ids.size() - 1), Duration.ofMinutes(20));
      // Reads are measured against a query service that has materialised everything the ledger committed, never one
      // still catching up (an earlier run read stores that lacked what PostgreSQL had, and called it a comparison).
      List<String> read = List.of(names.orderViews(), names.walletJournal(), names.decisions(), names.orderEvents());
      long records = 0;
      for (String topic : read) {
        records += kafka.endOffsetSum(topic, partitions);
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
      while (read.stream().mapToLong(topic -> lagOf(kafka, "peer-query", topic, partitions)).sum() > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the query service did not catch up with the ledger's topics in 20 minutes");
        }
        Thread.sleep(200);
      }
      double seconds = (System.nanoTime() - materialising) / 1e9;
      System.out.printf("query service caught up: lag 0 on %s; materialised %,d records (offsets, markers included) in %.1f s from start,"
          + " %,.0f records/s (the ledger folded %,.0f events/s in this run)%n", String.join(", ", read), records, seconds, records / seconds,
          ledgerRate);
      System.out.printf("query side: partner %s with %,d orders (%,d reversed: the one-state filter), concurrency %d, %d s per run%n",
          partner, orders, reversed, concurrency, duration.toSeconds());
      Map<String, List<String>> paths = new LinkedHashMap<>();
      paths.put("list, state stores", List.of("/api/v1/orders"));
      paths.put("list, PostgreSQL", List.of("/api/v1/pg/orders"));
      paths.put("list state=reversed, state stores", List.of("/api/v1/orders?orderType=all&state=reversed"));
      paths.put("list state=reversed, PostgreSQL", List.of("/api/v1/pg/orders?state=reversed"));
      List<String> gets = new ArrayList<>();
      List<String> pgGets = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        gets.add("/api/v1/orders/" + id);
        pgGets.add("/api/v1/pg/orders/" + id);
      }
      paths.put("get, state stores", gets);
      paths.put("get, PostgreSQL", pgGets);
      int measured = Integer.getInteger("queryRounds", 3);
      List<List<HttpLoad.Result>> all = new ArrayList<>();
      try (HttpLoadProcess load = HttpLoadProcess.start(KEY)) {
        for (int round = 0; round <= measured; round++) {
          List<HttpLoad.Result> results = new ArrayList<>();
          for (Map.Entry<String, List<String>> endpoint : paths.entrySet()) {
            HttpLoad.Result result = load.run(endpoint.getKey(), base, endpoint.getValue(), concurrency, warmup, duration);
            results.add(result);
            System.out.println((round == 0 ? "  warm-up  " : "  round " + round + "  ") + result);
          }
          System.out.printf("  %s: list %.2f, list state=reversed %.2f, get %.2f (state stores / PostgreSQL, requests/s); p99 %.2f, %.2f, %.2f%n",
              round == 0 ? "warm-up, not counted" : "round " + round,
              ratio(results, 0, 1, false), ratio(results, 2, 3, false), ratio(results, 4, 5, false),
              ratio(results, 0, 1, true), ratio(results, 2, 3, true), ratio(results, 4, 5, true));
          if (round > 0) {
            all.add(results);
          }
        }
      }
      System.out.printf("RESULT peer-query list=%.2f list-reversed=%.2f get=%.2f list-p99=%.2f list-reversed-p99=%.2f get-p99=%.2f"
              + " (state stores / PostgreSQL: throughput ratios, p99 ratios; medians of rounds)%n",
          medianRatio(all, 0, 1, false), medianRatio(all, 2, 3, false), medianRatio(all, 4, 5, false),
          medianRatio(all, 0, 1, true), medianRatio(all, 2, 3, true), medianRatio(all, 4, 5, true));
    }
  }

  private static double ratio(List<HttpLoad.Result> results, int ours, int theirs, boolean p99) {
    return p99 ? (double) results.get(ours).p99() / results.get(theirs).p99() : results.get(ours).throughput() / results.get(theirs).throughput();
  }

  private static double medianRatio(List<List<HttpLoad.Result>> rounds, int ours, int theirs, boolean p99) {
    double[] ratios = rounds.stream().mapToDouble(r -> ratio(r, ours, theirs, p99)).sorted().toArray();
    return ratios[ratios.length / 2];
  }

  private static void waitUntil(String url, Duration atMost) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (client.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-KEY", KEY).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(url + " never answered 200");
  }
}
