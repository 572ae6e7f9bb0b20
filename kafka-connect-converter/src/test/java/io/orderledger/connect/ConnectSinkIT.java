package io.orderledger.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderView;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.seal.LedgerMac;
import io.orderledger.ledger.model.EventSequences;
import io.orderledger.ledger.model.EventSequences.Input;
import io.orderledger.ledger.seal.CheckpointSigner;
import io.orderledger.ledger.seal.LedgerSeal;
import io.orderledger.ledger.topology.LedgerMetrics;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.ledger.topology.LedgerTopics;
import io.orderledger.ledger.topology.LedgerTopology;
import io.orderledger.testing.kafka.CommittedRecords;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.kafka.SharedKafkaBroker;
import io.orderledger.testing.keys.TestKeys;
import io.orderledger.testing.net.FreePorts;
import io.orderledger.testing.process.PostgresServer;
import io.orderledger.testing.seed.TestSeeds;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Kafka Connect worker (standalone, in this JVM, against the shared broker) runs Kafka's own file sink connector
 * over the order-views and wallet-journal of a ledger that really folded generated input (its own topology under Kafka
 * Streams, exactly-once), with {@link OrderLedgerConverter} as the value converter and the worker and connector files a
 * team copies from {@code config/}: every journal entry lands as one line equal to the fold's entry, and the last line of
 * every order is the fold's view of it.
 */
class ConnectSinkIT {

  private static final int PARTITIONS = 6;
  private static final EventSerdes SERDES = EventSerdes.shipped();
  private static KafkaBroker kafka;
  private static String run;
  private static LedgerTopicNames names;

  @BeforeAll
  static void aLedgerFoldsGeneratedInput() throws Exception {
    kafka = SharedKafkaBroker.get();
    run = "connect-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    names = LedgerTopicNames.defaults().prefixed(run);
    kafka.createTopics(PARTITIONS, names.orderEvents(), names.orderViews(), names.walletJournal(), names.rejected(),
        names.walletDiscrepancies(), names.decisions());
    kafka.createTopics(PARTITIONS, Map.of("cleanup.policy", "compact"), names.orderOwners(), names.checkpoints());
    List<Input> inputs = new ArrayList<>();
    for (long seed = TestSeeds.seed("ConnectSinkIT", "connect.input.seed", 7_000_000); inputs.size() < 5_000; seed++) {
      inputs.addAll(EventSequences.generateWithoutSharedOrderIds(seed));
    }
    long now = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 20), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < inputs.size(); i++) {
        Input in = inputs.get(i);
        byte[] value = in.event() == null ? in.raw() : SERDES.orderEvent().serialize(names.orderEvents(), in.event());
        producer.send(new ProducerRecord<>(names.orderEvents(), null, now + i, in.key().getBytes(StandardCharsets.UTF_8), value));
      }
      producer.flush();
    }
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, run + "ledger");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("connect-ledger").toString());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    LedgerSeal seal = new LedgerSeal(LedgerMac.withKey(TestKeys.LEDGER_MAC),
        CheckpointSigner.of(TestKeys.CHECKPOINT_PRIVATE, TestKeys.CHECKPOINT_PUBLIC), 20, Duration.ofSeconds(2));
    try (KafkaStreams streams = new KafkaStreams(LedgerTopology.build(LedgerTopics.of(names, SERDES), SERDES, LedgerMetrics.none(), seal), config)) {
      streams.start();
      Awaitility.await("the ledger folds every input").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
          .until(() -> CommittedRecords.lag(kafka, run + "ledger", names.orderEvents()) == 0);
      streams.close(Duration.ofSeconds(30));
    }
  }

  @Test
  void kafkasFileSinkLandsTheJournalAndTheViewsEqualToTheFold() throws Exception {
    List<ConsumerRecord<String, WalletEntry>> journal = journal();
    Map<String, OrderView> views = latestViews();
    assertThat(journal).hasSizeGreaterThan(1_000);

    Path work = Files.createTempDirectory("connect-worker");
    Path journalFile = work.resolve("wallet-journal.txt");
    Path viewsFile = work.resolve("order-views.txt");
    Map<String, String> worker = worker(work);
    Path journalSink = connector(Path.of("config/wallet-journal-file-sink.properties"), work, names.walletJournal(), journalFile);
    Path viewsSink = connector(Path.of("config/order-views-file-sink.properties"), work, names.orderViews(), viewsFile);

    long started = System.nanoTime();
    ConnectStandalone cli = new ConnectStandalone();
    Connect<StandaloneHerder> connect = cli.startConnect(worker);
    try {
      cli.processExtraArgs(connect, new String[] {journalSink.toString(), viewsSink.toString()});
      Awaitility.await("the sinks write every record").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
          .until(() -> lines(journalFile).size() >= journal.size() && lines(viewsFile).size() >= viewViewCount());
    } finally {
      connect.stop();
      connect.awaitStop();
    }
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

    List<String> journalLines = lines(journalFile);
    assertThat(journalLines).hasSameSizeAs(journal);
    List<String> expected = journal.stream().map(r -> journalLine(r.value())).sorted().toList();
    assertThat(journalLines.stream().map(ConnectSinkIT::journalFields).sorted().toList()).isEqualTo(expected);

    Map<String, String> lastLineByOrder = new HashMap<>();
    for (String line : lines(viewsFile)) {
      Matcher key = VIEW_KEY.matcher(line);
      assertThat(key.find()).as(line).isTrue();
      lastLineByOrder.put(key.group(1) + "/" + key.group(2), line);
    }
    assertThat(lastLineByOrder.keySet()).isEqualTo(views.keySet());
    views.forEach((key, view) -> assertThat(viewFields(lastLineByOrder.get(key))).as(key).isEqualTo(viewLine(view)));
    System.out.println("[connect] a standalone worker with Kafka's FileStreamSinkConnector and OrderLedgerConverter landed "
        + journalLines.size() + " journal entries and " + lines(viewsFile).size() + " view records (" + views.size()
        + " orders) in " + seconds + " s, each equal to the fold");
  }

  /**
   * Debezium's JDBC sink connector (Maven Central) lands the journal and the views as rows of a real PostgreSQL
   * (Debian's, started for the test), configured by the committed files: every journal row equal to the fold's entry,
   * one row per order equal to its view.
   */
  @Test
  void debeziumsJdbcSinkLandsRowsInPostgresEqualToTheFold() throws Exception {
    List<ConsumerRecord<String, WalletEntry>> journal = journal();
    Map<String, OrderView> views = latestViews();
    Path work = Files.createTempDirectory("connect-jdbc");
    int port = FreePorts.freePort();
    Path data = Files.createTempDirectory("connect-postgres");
    try (PostgresServer postgres = PostgresServer.start(port, data, List.of("-c shared_buffers=128MB", "-c max_connections=20"))) {
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
      Map<String, String> worker = worker(work);
      Map<String, String> overrides = Map.of("connection.url", url);
      Path journalSink = connector(Path.of("config/wallet-journal-postgres-sink.properties"), work, names.walletJournal(), overrides);
      Path viewsSink = connector(Path.of("config/order-views-postgres-sink.properties"), work, names.orderViews(), overrides);

      long started = System.nanoTime();
      ConnectStandalone cli = new ConnectStandalone();
      Connect<StandaloneHerder> connect = cli.startConnect(worker);
      try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, "postgres", "")) {
        cli.processExtraArgs(connect, new String[] {journalSink.toString(), viewsSink.toString()});
        Awaitility.await("the sinks write every row").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(() -> count(db, "wallet_journal") == journal.size() && count(db, "order_views") == views.size()
                && viewsMatch(db, views));
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        List<String> rows = new ArrayList<>();
        try (var rs = db.createStatement().executeQuery("SELECT entryid, partnerid, currency, sequence, kind, direction, amountminor, "
            + "balancebeforeminor, balanceafterminor, previoushash, hash FROM wallet_journal")) {
          while (rs.next()) {
            rows.add(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), String.valueOf(rs.getLong(4)), rs.getString(5),
                rs.getString(6), String.valueOf(rs.getLong(7)), String.valueOf(rs.getLong(8)), String.valueOf(rs.getLong(9)),
                rs.getString(10), rs.getString(11)));
          }
        }
        assertThat(rows.stream().sorted().toList()).isEqualTo(journal.stream().map(r -> journalLine(r.value())).sorted().toList());
        assertThat(viewsMatch(db, views)).isTrue();
        System.out.println("[connect-jdbc] a standalone worker with Debezium's JdbcSinkConnector and OrderLedgerConverter landed "
            + rows.size() + " journal rows and " + views.size() + " order rows in PostgreSQL in " + seconds + " s, each equal to the fold");
      } finally {
        connect.stop();
        connect.awaitStop();
      }
    }
  }

  private static long count(java.sql.Connection db, String table) throws java.sql.SQLException {
    try (var rs = db.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Every order's row is its view: version, last event, balance after, state and amount. */
  private static boolean viewsMatch(java.sql.Connection db, Map<String, OrderView> views) throws java.sql.SQLException {
    Map<String, String> rows = new HashMap<>();
    try (var rs = db.createStatement().executeQuery("SELECT view_key, version, lasteventid, walletbalanceafterminor, order_state, "
        + "order_amountminor FROM order_views")) {
      while (rs.next()) {
        Object balance = rs.getObject(4);
        rows.put(rs.getString(1), String.join("|", String.valueOf(rs.getLong(2)), rs.getString(3), String.valueOf(balance),
            rs.getString(5), String.valueOf(rs.getLong(6))));
      }
    }
    Map<String, String> expected = new HashMap<>();
    views.forEach((key, view) -> expected.put(key, viewLine(view)));
    return rows.equals(expected);
  }

  /** The fold's journal, as the ledger committed it. */
  private static List<ConsumerRecord<String, WalletEntry>> journal() {
    return CommittedRecords.readAll(kafka, names.walletJournal(), Serdes.String().deserializer(), SERDES.walletEntry().deserializer());
  }

  /** The fold's latest view of each order: what the compacted topic holds for it. */
  private static Map<String, OrderView> latestViews() {
    Map<String, OrderView> views = new HashMap<>();
    for (ConsumerRecord<String, OrderView> record : CommittedRecords.readAll(kafka, names.orderViews(), Serdes.String().deserializer(),
        SERDES.orderView().deserializer())) {
      views.put(record.key(), record.value());
    }
    return views;
  }

  /** The committed worker file, pointed at this test's broker and folder; the plugins are on this test's classpath. */
  private static Map<String, String> worker(Path work) throws IOException {
    Map<String, String> worker = properties(Path.of("config/worker.properties"));
    worker.put("bootstrap.servers", kafka.bootstrapServers());
    worker.put("offset.storage.file.filename", work.resolve("connect.offsets").toString());
    worker.put("listeners", "http://127.0.0.1:0");
    worker.remove("plugin.path");
    return worker;
  }

  private static long viewViewCount() {
    return CommittedRecords.readAll(kafka, names.orderViews(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer()).size();
  }

  private static final Pattern VIEW_KEY = Pattern.compile("^Struct\\{partnerId=([^,]+),orderId=([^,]+),");

  /** What Struct.toString writes for the fields compared: sequence, entry id, kind, amounts, balances, hashes. */
  private static String journalLine(WalletEntry e) {
    return String.join("|", e.getEntryId(), e.getPartnerId(), e.getCurrency(), String.valueOf(e.getSequence()), e.getKind().name(),
        e.getDirection().name(), String.valueOf(e.getAmountMinor()), String.valueOf(e.getBalanceBeforeMinor()),
        String.valueOf(e.getBalanceAfterMinor()), e.getPreviousHash(), e.getHash());
  }

  private static String journalFields(String line) {
    return String.join("|", field(line, "entryId"), field(line, "partnerId"), field(line, "currency"), field(line, "sequence"),
        field(line, "kind"), field(line, "direction"), field(line, "amountMinor"), field(line, "balanceBeforeMinor"),
        field(line, "balanceAfterMinor"), field(line, "previousHash"), field(line, "hash"));
  }

  private static String viewLine(OrderView v) {
    return String.join("|", String.valueOf(v.getVersion()), v.getLastEventId(), String.valueOf(v.getWalletBalanceAfterMinor()),
        v.getOrder().getState().name(), String.valueOf(v.getOrder().getAmountMinor()));
  }

  private static String viewFields(String line) {
    return String.join("|", field(line, "version"), field(line, "lastEventId"), field(line, "walletBalanceAfterMinor"),
        field(line, "state"), field(line, "amountMinor"));
  }

  /** The first {@code ,name=value} or {@code {name=value} of a Struct.toString line; "null" when the field is absent (null). */
  private static String field(String line, String name) {
    Matcher m = Pattern.compile("[{,]" + Pattern.quote(name) + "=([^,}]*)").matcher(line);
    return m.find() ? m.group(1) : "null";
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private static Map<String, String> properties(Path file) throws IOException {
    Properties properties = new Properties();
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      properties.load(in);
    }
    Map<String, String> map = new HashMap<>();
    properties.forEach((k, v) -> map.put(k.toString(), v.toString()));
    return map;
  }

  /** The committed connector file with this run's topic and output file. */
  private static Path connector(Path committed, Path work, String topic, Path output) throws IOException {
    return connector(committed, work, topic, Map.of("file", output.toString()));
  }

  /** The committed connector file with this run's topic and {@code overrides}. */
  private static Path connector(Path committed, Path work, String topic, Map<String, String> overrides) throws IOException {
    Properties properties = new Properties();
    try (FileInputStream in = new FileInputStream(committed.toFile())) {
      properties.load(in);
    }
    properties.setProperty("topics", topic);
    overrides.forEach(properties::setProperty);
    Path file = work.resolve(committed.getFileName());
    try (var out = Files.newOutputStream(file)) {
      properties.store(out, "from " + committed);
    }
    return file;
  }
}
