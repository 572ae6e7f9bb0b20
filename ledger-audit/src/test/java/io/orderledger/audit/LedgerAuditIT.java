package io.orderledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderView;
import io.orderledger.events.WalletEntry;
import io.orderledger.audit.tail.RecordJson;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.codec.SchemaCatalog;
import io.orderledger.ledger.model.EventSequences;
import io.orderledger.ledger.model.EventSequences.Input;
import io.orderledger.ledger.topology.LedgerMetrics;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.ledger.topology.LedgerTopics;
import io.orderledger.ledger.topology.LedgerTopology;
import io.orderledger.testing.kafka.CommittedRecords;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.kafka.SharedKafkaBroker;
import io.orderledger.testing.seed.TestSeeds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit tool against a real broker and a ledger that really folded more than 100,000 messy records (the ledger's
 * own topology under Kafka Streams, exactly-once): a clean ledger verifies; a tampered copy of its outputs (a forged
 * journal entry, a deleted one, an altered view, a missing decision) is found and each tampering named in report.json;
 * a replay rebuilds outputs that verify and equal the live ones; tail decodes every topic.
 */
class LedgerAuditIT {

  static final int PARTITIONS = 6;
  static final int MIN_INPUTS = Integer.getInteger("ledger.audit.inputs", 100_000);
  private static final EventSerdes SERDES = EventSerdes.shipped();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static KafkaBroker kafka;
  private static String run;
  private static LedgerTopicNames names;
  private static int inputs;

  @BeforeAll
  static void aLedgerFoldsMessyInput() throws Exception {
    kafka = SharedKafkaBroker.get();
    run = "audit-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    names = LedgerTopicNames.defaults().prefixed(run);
    createLedgerTopics(names);
    List<Input> generated = new ArrayList<>();
    for (long seed = TestSeeds.seed("LedgerAuditIT", "audit.input.seed", 9_000_000); generated.size() < MIN_INPUTS; seed++) {
      generated.addAll(EventSequences.generateWithoutSharedOrderIds(seed));
    }
    inputs = generated.size();
    long now = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.TRANSACTIONAL_ID_CONFIG, run + "producer"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < generated.size(); i++) {
        Input in = generated.get(i);
        byte[] value = in.event() == null ? in.raw() : SERDES.orderEvent().serialize(names.orderEvents(), in.event());
        producer.send(new ProducerRecord<>(names.orderEvents(), null, now + i, in.key().getBytes(StandardCharsets.UTF_8), value));
        if (i % 10_000 == 9_999) {
          producer.commitTransaction();
          producer.beginTransaction();
        }
      }
      producer.commitTransaction();
    }
    fold(names, run + "ledger");
  }

  @AfterAll
  static void nothing() {
    // The shared broker outlives the class; every topic of this run carries its prefix.
  }

  static void createLedgerTopics(LedgerTopicNames topics) {
    kafka.createTopics(PARTITIONS, topics.orderEvents(), topics.orderViews(), topics.walletJournal(), topics.rejected(),
        topics.walletDiscrepancies(), topics.decisions());
    kafka.createTopics(PARTITIONS, Map.of("cleanup.policy", "compact"), topics.orderOwners());
  }

  /** The ledger's topology, exactly-once, until it has committed every input. */
  static void fold(LedgerTopicNames topics, String applicationId) throws Exception {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("audit-ledger").toString());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    try (KafkaStreams streams = new KafkaStreams(LedgerTopology.build(LedgerTopics.of(topics, SERDES), SERDES, LedgerMetrics.none()), config)) {
      streams.start();
      Awaitility.await("the ledger folds every input").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
          .until(() -> CommittedRecords.lag(kafka, applicationId, topics.orderEvents()) == 0);
      streams.close(Duration.ofSeconds(30));
    }
  }

  /** Runs the tool as a user would, capturing its standard output. */
  static Result audit(String... args) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      List<String> all = new ArrayList<>(List.of(args));
      int code = LedgerAudit.run(all.toArray(String[]::new));
      return new Result(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
    }
  }

  record Result(int exitCode, String out) {
  }

  private static String[] verify(String outputPrefix, Path report) {
    return new String[] {"verify", "--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", names.orderEvents(),
        "--views-prefix", outputPrefix, "--report", report.toString(), "--quiet"};
  }

  @Test
  void aCleanLedgerVerifies() throws Exception {
    Path report = Files.createTempDirectory("audit-clean");
    Result result = audit(verify(run, report));
    System.out.println(result.out());

    assertThat(result.exitCode()).as(result.out()).isZero();
    JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
    assertThat(json.get("verified").asBoolean()).isTrue();
    assertThat(json.get("checked").get("inputs").asLong()).isEqualTo(inputs);
    assertThat(json.get("checked").get("entries").asLong()).as("journal entries compared").isGreaterThan(inputs / 3);
    assertThat(json.get("unreadableInputs").asLong()).as("garbage in the input, found and checked rejected").isPositive();
    assertThat(Files.readString(report.resolve("report.html"))).contains("verified").contains("<svg").doesNotContain("<script");
    System.out.printf("[ledger-audit] a clean ledger of %,d input records verified (exit 0)%n", inputs);
  }

  @Test
  void everyTamperingIsFoundAndNamed() throws Exception {
    String copy = run + "tampered-";
    LedgerTopicNames tampered = new LedgerTopicNames(names.orderEvents(), copy + "order-views", copy + "wallet-journal",
        copy + "order-events-rejected", copy + "wallet-discrepancies", copy + "order-owners", copy + "ledger-decisions");
    createLedgerTopics(tampered);
    List<ConsumerRecord<byte[], byte[]>> journal = readAll(names.walletJournal());
    List<ConsumerRecord<byte[], byte[]>> decisions = readAll(names.decisions());
    List<ConsumerRecord<byte[], byte[]>> views = readAll(names.orderViews());
    // What is deleted: the 1000th journal entry and the 2000th decision. What is forged: a copy of the 500th entry
    // with another amount, appended; and an order's latest view, altered, appended.
    WalletEntry deleted = SERDES.walletEntry().deserializer().deserialize("", journal.get(1_000).value());
    WalletEntry forgedFrom = SERDES.walletEntry().deserializer().deserialize("", journal.get(500).value());
    var missingDecision = SERDES.ledgerDecision().deserializer().deserialize("", decisions.get(2_000).value());
    OrderView altered = SERDES.orderView().deserializer().deserialize("", views.get(views.size() - 1).value());
    copy(journal, tampered.walletJournal(), 1_000);
    copy(decisions, tampered.decisions(), 2_000);
    copy(views, tampered.orderViews(), -1);
    copy(readAll(names.rejected()), tampered.rejected(), -1);
    WalletEntry forged = WalletEntry.newBuilder(forgedFrom).setAmountMinor(forgedFrom.getAmountMinor() + 1).build();
    OrderView alteredView = OrderView.newBuilder(altered).setWalletBalanceAfterMinor(altered.getWalletBalanceAfterMinor() - 100).build();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(tampered.walletJournal(), journal.get(500).partition(), journal.get(500).key(),
          SERDES.walletEntry().serialize(tampered.walletJournal(), forged))).get();
      producer.send(new ProducerRecord<>(tampered.orderViews(), views.get(views.size() - 1).partition(), views.get(views.size() - 1).key(),
          SERDES.orderView().serialize(tampered.orderViews(), alteredView))).get();
    }

    Path report = Files.createTempDirectory("audit-tampered");
    Result result = audit(verify(copy, report));
    System.out.println(result.out());

    assertThat(result.exitCode()).as(result.out()).isEqualTo(ExitCode.DIFFERENCES);
    JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
    assertThat(json.get("verified").asBoolean()).isFalse();
    List<JsonNode> found = new ArrayList<>();
    json.get("differenceList").forEach(found::add);
    assertThat(found).as("the deleted journal entry").anySatisfy(d -> {
      assertThat(d.get("kind").asString()).isEqualTo("ENTRY_MISSING");
      assertThat(d.get("partnerId").asString()).isEqualTo(deleted.getPartnerId());
      assertThat(d.get("sequence").asLong()).isEqualTo(deleted.getSequence());
    });
    assertThat(found).as("the gap it leaves in the chain, at the missing sequence").anySatisfy(d -> {
      assertThat(d.get("kind").asString()).isEqualTo("CHAIN_BROKEN");
      assertThat(d.get("partnerId").asString()).isEqualTo(deleted.getPartnerId());
      assertThat(d.get("sequence").asLong()).isEqualTo(deleted.getSequence());
      assertThat(d.get("found").asString()).startsWith("SEQUENCE_GAP");
    });
    assertThat(found).as("the forged journal entry").anySatisfy(d -> {
      assertThat(d.get("kind").asString()).isEqualTo("ENTRY_REPEATED");
      assertThat(d.get("sequence").asLong()).isEqualTo(forged.getSequence());
    });
    assertThat(found).as("the altered view").anySatisfy(d -> {
      assertThat(d.get("kind").asString()).isEqualTo("VIEW_DIFFERS");
      assertThat(d.get("orderId").asString()).isEqualTo(altered.getOrderId());
    });
    assertThat(found).as("the missing decision").anySatisfy(d -> {
      assertThat(d.get("kind").asString()).isEqualTo("DECISION_MISSING");
      assertThat(d.get("inputPartition").asInt()).isEqualTo(missingDecision.getInputPartition());
      assertThat(d.get("inputOffset").asLong()).isEqualTo(missingDecision.getInputOffset());
    });
    System.out.printf("[ledger-audit] a tampered copy (a forged and a deleted journal entry, an altered view, a missing decision): exit 1,"
        + " %d differences, each tampering named%n", json.get("differences").asLong());
  }

  @Test
  void aReplayRebuildsViewsThatVerifyAndEqualTheLiveOnes() throws Exception {
    String applicationId = run + "rebuild";
    Result replay = audit("replay", "--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", names.orderEvents(),
        "--application-id", applicationId);
    System.out.println(replay.out());
    assertThat(replay.exitCode()).as(replay.out()).isZero();
    assertThat(replay.out()).contains("verify --views-prefix " + applicationId + "-");

    Result verify = audit(verify(applicationId + "-", Files.createTempDirectory("audit-replay")));
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(latestViews(applicationId + "-order-views")).as("the rebuilt views are the live ones").isEqualTo(latestViews(names.orderViews()));
    System.out.printf("[ledger-audit] replay rebuilt %,d order views that verify and equal the live ones%n",
        latestViews(names.orderViews()).size());
  }

  @Test
  void tailPrintsEveryTopicAsJson() {
    for (String topic : List.of(names.orderEvents(), names.orderViews(), names.walletJournal(), names.decisions(), names.rejected(),
        names.walletDiscrepancies(), names.orderOwners())) {
      Result tail = audit("tail", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", topic, "--from-beginning", "--exit-at-end",
          "--max-records", "200");
      assertThat(tail.exitCode()).as(topic + ": " + tail.out()).isZero();
      List<String> lines = tail.out().lines().toList();
      assertThat(lines).as(topic).isNotEmpty();
      for (String line : lines) {
        JsonNode record = JSON.readTree(line);
        assertThat(record.get("topic").asString()).isEqualTo(topic);
        if (!topic.equals(names.orderEvents()) && !topic.equals(names.orderOwners())) {
          assertThat(record.get("schema").asString()).as("%s is decoded with its schema: %s", topic, line).startsWith("io.orderledger.events");
          assertThat(record.has("decodingFailure")).as(line).isFalse();
        }
      }
    }
    String somePartner = SERDES.walletEntry().deserializer().deserialize("", readAll(names.walletJournal()).get(0).value()).getPartnerId();
    Result partner = audit("tail", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", names.walletJournal(), "--from-beginning",
        "--exit-at-end", "--partner", somePartner, "--max-records", "50");
    assertThat(partner.out().lines().map(JSON::readTree).map(r -> r.get("value").get("partnerId").asString()).distinct().toList())
        .containsExactly(somePartner);
  }

  @Test
  void aCommandThatCannotRunSaysWhyInOneLineWithExitTwo() {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(LedgerAudit.run("verify", "--bootstrap-servers", "127.0.0.1:1", "--connect-timeout", "2s")).isEqualTo(ExitCode.CANNOT_RUN);
      assertThat(LedgerAudit.run("verify", "--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", "no-such-topic"))
          .isEqualTo(ExitCode.CANNOT_RUN);
      assertThat(LedgerAudit.run("export", "--partner", "p", "--format", "xml")).isEqualTo(ExitCode.CANNOT_RUN);
    } finally {
      System.setErr(stderr);
    }
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("cannot reach Kafka at 127.0.0.1:1"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("topic no-such-topic (the ledger's input) does not exist"));
    assertThat(lines).noneSatisfy(l -> assertThat(l).startsWith("\tat "));
  }

  /**
   * README.md promises that other languages can read the events with only the published .avsc files: Debian's
   * python3-avro decodes a sample of real order-events and wallet-journal records, and each equals the Java decoding.
   */
  @Test
  void pythonReadsTheEventsWithOnlyThePublishedSchemas() throws Exception {
    RecordJson java = new RecordJson(SchemaCatalog.shipped());
    Path sample = Files.createTempFile("ledger-records", ".jsonl");
    int written = 0;
    StringBuilder lines = new StringBuilder();
    for (String topic : List.of(names.orderEvents(), names.walletJournal())) {
      for (ConsumerRecord<byte[], byte[]> record : readAll(topic).subList(0, 2_000)) {
        RecordJson.Decoded decoded = java.value(record.value());
        if (decoded.schema() == null || decoded.failure() != null) {
          continue; // the input's deliberate garbage
        }
        lines.append(JSON.writeValueAsString(Map.of("topic", topic, "offset", record.offset(),
            "value", Base64.getEncoder().encodeToString(record.value()), "java", decoded.json()))).append('\n');
        written++;
      }
    }
    Files.writeString(sample, lines);
    Path schemas = Path.of("..", "order-events-schema", "src", "main", "resources", "io", "orderledger", "events", "schemas");
    Process python = new ProcessBuilder("/usr/bin/python3", "src/test/python/decode_events.py", schemas.toString(), sample.toString())
        .redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor()).as(output).isZero();
    assertThat(output).contains("decoded " + written + " records with python3-avro, each equal to the Java decoding");
    System.out.println("[python-avro] " + output.strip());
  }

  static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    return CommittedRecords.readAll(kafka, topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
  }

  /** Copies a topic record for record (same partition, key, value, timestamp), leaving out the record at {@code skip}. */
  private static void copy(List<ConsumerRecord<byte[], byte[]>> records, String target, int skip) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 10), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < records.size(); i++) {
        if (i != skip) {
          ConsumerRecord<byte[], byte[]> r = records.get(i);
          producer.send(new ProducerRecord<>(target, r.partition(), r.timestamp(), r.key(), r.value()));
        }
      }
      producer.flush();
    }
  }

  /** Each order's latest view, decoded: what a compacted topic holds for it. */
  private static Map<String, OrderView> latestViews(String topic) {
    Map<String, OrderView> latest = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(topic)) {
      latest.put(new String(r.key(), StandardCharsets.UTF_8), SERDES.orderView().deserializer().deserialize(topic, r.value()));
    }
    return latest;
  }
}
