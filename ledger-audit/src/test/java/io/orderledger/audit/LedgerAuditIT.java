package io.orderledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.MovementDirection;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.audit.guide.WalletJournalConsumer;
import io.orderledger.audit.tail.RecordJson;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.codec.SchemaCatalog;
import io.orderledger.events.contract.ContractDocuments;
import io.orderledger.events.contract.PublishedTopic;
import io.orderledger.ledger.model.EventSequences;
import io.orderledger.ledger.model.EventSequences.Input;
import io.orderledger.events.LedgerCheckpoint;
import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.events.journal.JournalChain;
import io.orderledger.events.seal.LedgerMac;
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
import io.orderledger.testing.process.NodePackages;
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
import java.util.Set;
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
 * own topology under Kafka Streams, exactly-once), verified by the auditor's independent implementation of the rules:
 * a clean ledger verifies with its whole log covered; a tampered copy of its outputs (every kind of forgery the trust
 * stage names, removals, a cut tail under a signed checkpoint) is found and each tampering named in report.json; a
 * ledger with one wrong rule is found wrong; a ledger that decided nothing, or stopped, is not verified; a replay
 * rebuilds outputs that verify and equal the live ones; tail decodes every topic.
 */
class LedgerAuditIT {

  static final int PARTITIONS = 6;
  static final int MIN_INPUTS = Integer.getInteger("ledger.audit.inputs", 50_000);
  private static final EventSerdes SERDES = EventSerdes.shipped();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SingleObjectCodec<LedgerCheckpoint> CHECKPOINTS = SingleObjectCodec.of(LedgerCheckpoint.class);
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
    kafka.createTopics(PARTITIONS, Map.of("cleanup.policy", "compact"), topics.orderOwners(), topics.checkpoints());
  }

  /** The tests' keys; a checkpoint every 20 entries of a wallet, and every 2 s for one that moved. */
  static final LedgerSeal SEAL = new LedgerSeal(LedgerMac.withKey(TestKeys.LEDGER_MAC),
      CheckpointSigner.of(TestKeys.CHECKPOINT_PRIVATE, TestKeys.CHECKPOINT_PUBLIC), 20, Duration.ofSeconds(2));

  /** The ledger's topology, exactly-once, until it has committed every input. */
  static void fold(LedgerTopicNames topics, String applicationId) throws Exception {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("audit-ledger").toString());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    try (KafkaStreams streams = new KafkaStreams(LedgerTopology.build(LedgerTopics.of(topics, SERDES), SERDES, LedgerMetrics.none(), SEAL),
        config)) {
      streams.start();
      Awaitility.await("the ledger folds every input").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
          .until(() -> CommittedRecords.lag(kafka, applicationId, topics.orderEvents()) == 0);
      Awaitility.await("a checkpoint signs every wallet's last entry").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
          .until(() -> everyWalletsLastEntryIsSigned(readAll(topics.walletJournal()), readAll(topics.checkpoints())));
      streams.close(Duration.ofSeconds(30));
    }
  }

  /** Runs the tool as a user would, capturing its standard output. */
  static Result audit(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
    try {
      List<String> all = new ArrayList<>(List.of(args));
      int code = LedgerAudit.run(all.toArray(String[]::new));
      String err = errors.toString(StandardCharsets.UTF_8);
      return new Result(code, captured.toString(StandardCharsets.UTF_8) + (code == ExitCode.CANNOT_RUN ? err : ""));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  record Result(int exitCode, String out) {
  }

  private static String[] verify(String eventsTopic, String outputPrefix, Path report, String... more) {
    List<String> args = new ArrayList<>(List.of("verify", "--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", eventsTopic,
        "--views-prefix", outputPrefix, "--report", report.toString(), "--quiet", "--public-key", TestKeys.CHECKPOINT_PUBLIC));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void aCleanLedgerVerifiesWithItsWholeLogCovered() throws Exception {
    Path report = Files.createTempDirectory("audit-clean");
    Result result = audit(verify(names.orderEvents(), run, report));
    System.out.println(result.out());

    assertThat(result.exitCode()).as(result.out()).isZero();
    JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
    assertThat(json.get("verdict").asString()).isEqualTo("VERIFIED");
    assertThat(json.get("checked").get("inputs").asLong()).isEqualTo(inputs);
    assertThat(json.get("coverage").get("inputsVerified").asLong()).isEqualTo(json.get("coverage").get("inputsInLog").asLong())
        .isEqualTo(inputs);
    assertThat(json.get("coverage").get("percent").asDouble()).isEqualTo(100.0);
    assertThat(json.get("checked").get("entries").asLong()).as("journal entries compared").isGreaterThan(inputs / 3);
    assertThat(json.get("checked").get("discrepancies").asLong()).as("discrepancies compared").isPositive();
    assertThat(json.get("checked").get("owners").asLong()).as("order owners compared").isPositive();
    assertThat(json.get("checked").get("checkpoints").asLong()).as("signed checkpoints checked").isPositive();
    assertThat(json.get("unreadableInputs").asLong()).as("garbage in the input, found and checked rejected").isPositive();
    assertThat(Files.readString(report.resolve("report.html"))).contains("VERIFIED").contains("<svg").doesNotContain("<script");
    System.out.printf("[ledger-audit] a clean ledger of %,d input records verified (exit 0) by the independent rules: coverage 100%%, %,d"
            + " decisions, %,d journal entries, %,d discrepancies, %,d order owners and %,d signed checkpoints compared%n", inputs,
        json.get("checked").get("decisions").asLong(), json.get("checked").get("entries").asLong(),
        json.get("checked").get("discrepancies").asLong(), json.get("checked").get("owners").asLong(),
        json.get("checked").get("checkpoints").asLong());
  }

  /**
   * A copy of the ledger's outputs, tampered with the way someone who can produce to the topics would: every forgery
   * and every removal is named, by kind, where it is.
   */
  @Test
  void everyForgeryAndEveryRemovalIsFoundAndNamed() throws Exception {
    String copy = run + "tampered-";
    LedgerTopicNames tampered = LedgerTopicNames.defaults().prefixed(copy).withInput(names.orderEvents());
    createLedgerTopics(tampered);
    List<ConsumerRecord<byte[], byte[]>> journal = readAll(names.walletJournal());
    List<ConsumerRecord<byte[], byte[]>> decisions = readAll(names.decisions());
    List<ConsumerRecord<byte[], byte[]>> views = readAll(names.orderViews());
    List<ConsumerRecord<byte[], byte[]>> checkpoints = readAll(names.checkpoints());
    // Removed: the 1000th journal entry and the 2000th decision; and the entry the last checkpoint signed, the last of its
    // wallet: a cut tail.
    int removed = entryWithASuccessor(journal, 1_000); // so that the gap shows in the chain, not only as a missing entry
    WalletEntry deleted = entry(journal.get(removed));
    var missingDecision = SERDES.ledgerDecision().deserializer().deserialize("", decisions.get(2_000).value());
    LedgerCheckpoint lastCheckpoint = checkpointOfAWalletsLastEntry(checkpoints, journal);
    int cutTail = lastEntryOf(journal, lastCheckpoint.getPartnerId(), lastCheckpoint.getCurrency());
    WalletEntry cut = entry(journal.get(cutTail));
    assertThat(cut.getSequence()).as("the cut entry is the one the checkpoint signed").isEqualTo(lastCheckpoint.getSequence());
    copy(journal, tampered.walletJournal(), Set.of(removed, cutTail));
    copy(decisions, tampered.decisions(), Set.of(2_000));
    copy(views, tampered.orderViews(), Set.of());
    copy(readAll(names.rejected()), tampered.rejected(), Set.of());
    copy(readAll(names.walletDiscrepancies()), tampered.walletDiscrepancies(), Set.of());
    copy(readAll(names.orderOwners()), tampered.orderOwners(), Set.of());
    copy(checkpoints, tampered.checkpoints(), Set.of());

    // Forged: entries of every kind the trust issue names, a view of no order and one ahead of its order, a discrepancy,
    // an ownership claim and a checkpoint with a signature not the ledger's.
    WalletEntry head = entry(journal.get(journal.size() - 1));
    WalletEntry at500 = entry(journal.get(500));
    WalletEntry copyOf500 = WalletEntry.newBuilder(at500).setAmountMinor(at500.getAmountMinor() + 1).build();
    WalletEntry afterHead = chained(WalletEntry.newBuilder(head).setSequence(head.getSequence() + 1).setEntryId("forged-after-head")
        .setBalanceBeforeMinor(head.getBalanceAfterMinor()).setBalanceAfterMinor(head.getBalanceAfterMinor() + 100_000_000_000L)
        .setDirection(MovementDirection.CREDIT).setAmountMinor(100_000_000_000L).setPreviousHash(head.getHash()).build());
    WalletEntry newWallet = chained(WalletEntry.newBuilder(head).setCurrency("CHF").setSequence(1).setEntryId("forged-chf")
        .setBalanceBeforeMinor(0).setBalanceAfterMinor(1_000_000_000_000L).setAmountMinor(1_000_000_000_000L)
        .setDirection(MovementDirection.CREDIT).setPreviousHash(JournalChain.GENESIS).build());
    WalletEntry nullHash = WalletEntry.newBuilder(afterHead).setSequence(head.getSequence() + 2).setEntryId("forged-null-hash")
        .setBalanceBeforeMinor(afterHead.getBalanceAfterMinor()).setBalanceAfterMinor(afterHead.getBalanceAfterMinor() + 5).setAmountMinor(5)
        .setPreviousHash(null).setHash(null).build();
    WalletEntry highSequence = chained(WalletEntry.newBuilder(head).setSequence(1_000_000).setEntryId("forged-high-sequence")
        .setPreviousHash(head.getHash()).build());
    OrderView anyView = SERDES.orderView().deserializer().deserialize("", views.get(views.size() - 1).value());
    OrderView noSuchOrder = OrderView.newBuilder(anyView).setOrderId("never-ordered")
        .setOrder(OrderSnapshot.newBuilder(anyView.getOrder()).setOrderId("never-ordered").build()).build();
    OrderView ahead = OrderView.newBuilder(anyView).setVersion(anyView.getVersion() + 5).build();
    WalletDiscrepancy anyDiscrepancy = SERDES.walletDiscrepancy().deserializer().deserialize("", readAll(names.walletDiscrepancies()).get(0).value());
    WalletDiscrepancy forgedDiscrepancy = WalletDiscrepancy.newBuilder(anyDiscrepancy).setEventId("forged-event").build();
    LedgerCheckpoint badSignature = LedgerCheckpoint.newBuilder(CHECKPOINTS.decode("", checkpoints.get(0).value()))
        .setSignature(Base64.getEncoder().encodeToString(new byte[64])).build();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      ConsumerRecord<byte[], byte[]> headRecord = journal.get(journal.size() - 1);
      producer.send(new ProducerRecord<>(tampered.walletJournal(), journal.get(500).partition(), journal.get(500).key(),
          SERDES.walletEntry().serialize("", copyOf500))).get();
      for (WalletEntry forged : List.of(afterHead, newWallet, nullHash, highSequence)) {
        producer.send(new ProducerRecord<>(tampered.walletJournal(), headRecord.partition(), headRecord.key(),
            SERDES.walletEntry().serialize("", forged))).get();
      }
      ConsumerRecord<byte[], byte[]> viewRecord = views.get(views.size() - 1);
      producer.send(new ProducerRecord<>(tampered.orderViews(), viewRecord.partition(),
          (anyView.getPartnerId() + "/never-ordered").getBytes(StandardCharsets.UTF_8), SERDES.orderView().serialize("", noSuchOrder))).get();
      producer.send(new ProducerRecord<>(tampered.orderViews(), viewRecord.partition(), viewRecord.key(), SERDES.orderView().serialize("", ahead)))
          .get();
      producer.send(new ProducerRecord<>(tampered.walletDiscrepancies(), partitionOf(anyDiscrepancy.getPartnerId()),
          anyDiscrepancy.getPartnerId().getBytes(StandardCharsets.UTF_8), SERDES.walletDiscrepancy().serialize("", forgedDiscrepancy))).get();
      producer.send(new ProducerRecord<>(tampered.orderOwners(), "never-applied-order".getBytes(StandardCharsets.UTF_8),
          anyView.getPartnerId().getBytes(StandardCharsets.UTF_8))).get();
      producer.send(new ProducerRecord<>(tampered.checkpoints(), checkpoints.get(0).partition(), checkpoints.get(0).key(),
          CHECKPOINTS.encode(badSignature))).get();
    }

    Path report = Files.createTempDirectory("audit-tampered");
    Result result = audit(verify(names.orderEvents(), copy, report));
    System.out.println(result.out());

    assertThat(result.exitCode()).as(result.out()).isEqualTo(ExitCode.DIFFERENCES);
    JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
    assertThat(json.get("verdict").asString()).isEqualTo("DIFFERENCES");
    List<JsonNode> found = new ArrayList<>();
    json.get("differenceList").forEach(found::add);
    assertNamed(found, "the deleted journal entry", "ENTRY_MISSING", deleted.getPartnerId(), deleted.getSequence());
    assertNamed(found, "the gap it leaves in the chain", "CHAIN_BROKEN", deleted.getPartnerId(), deleted.getSequence());
    assertNamed(found, "a second entry at a sequence taken", "ENTRY_REPEATED", copyOf500.getPartnerId(), copyOf500.getSequence());
    assertNamed(found, "a well-chained entry after the wallet's head", "ENTRY_UNEXPECTED", afterHead.getPartnerId(), afterHead.getSequence());
    assertThat(found).as("a well-chained wallet opened from the genesis value").anySatisfy(d -> {
      assertThat(d.get("kind").asString()).isEqualTo("ENTRY_UNEXPECTED");
      assertThat(d.get("currency").asString()).isEqualTo("CHF");
      assertThat(d.get("expected").asString()).isEqualTo("no such wallet");
    });
    assertThat(found).as("an entry without a hash").anySatisfy(d -> {
      assertThat(d.get("kind").asString()).isEqualTo("CHAIN_BROKEN");
      assertThat(d.get("found").asString()).startsWith("MISSING_HASH");
    });
    assertNamed(found, "a sequence far beyond the head", "ENTRY_UNEXPECTED", highSequence.getPartnerId(), highSequence.getSequence());
    assertNamed(found, "the cut tail: the checkpoint signed an entry the journal no longer holds", "CHECKPOINT_BEYOND_JOURNAL",
        lastCheckpoint.getPartnerId(), lastCheckpoint.getSequence());
    assertNamed(found, "the cut entry itself", "ENTRY_MISSING", cut.getPartnerId(), cut.getSequence());
    assertThat(found).as("a checkpoint another key signed").anySatisfy(d -> assertThat(d.get("kind").asString()).isEqualTo("CHECKPOINT_SIGNATURE"));
    assertThat(found).as("a view of an order no input created").anySatisfy(d -> {
      assertThat(d.get("kind").asString()).isEqualTo("VIEW_UNEXPECTED");
      assertThat(d.get("orderId").asString()).isEqualTo("never-ordered");
    });
    assertThat(found).as("a view ahead of its order").anySatisfy(d -> {
      assertThat(d.get("kind").asString()).isEqualTo("VIEW_AHEAD");
      assertThat(d.get("orderId").asString()).isEqualTo(anyView.getOrderId());
    });
    assertThat(found).as("a discrepancy no input explains").anySatisfy(d -> assertThat(d.get("kind").asString()).isEqualTo("DISCREPANCY_UNEXPECTED"));
    assertThat(found).as("an order id claimed with no order").anySatisfy(d -> {
      assertThat(d.get("kind").asString()).isEqualTo("OWNER_UNEXPECTED");
      assertThat(d.get("orderId").asString()).isEqualTo("never-applied-order");
    });
    assertThat(found).as("the missing decision").anySatisfy(d -> {
      assertThat(d.get("kind").asString()).isEqualTo("DECISION_MISSING");
      assertThat(d.get("inputPartition").asInt()).isEqualTo(missingDecision.getInputPartition());
      assertThat(d.get("inputOffset").asLong()).isEqualTo(missingDecision.getInputOffset());
    });
    System.out.printf("[ledger-audit] a tampered copy (5 forged entries: a repeated sequence, one after the head, a new CHF wallet from"
        + " genesis, no hash, a far sequence; a deleted entry and a cut tail under a signed checkpoint; a forged checkpoint signature; a view"
        + " of no order and one ahead; a forged discrepancy and owner claim; a missing decision): exit 1, %d differences, each named: %s%n",
        json.get("differences").asLong(), json.get("differencesByKind"));
  }

  /**
   * The point of a second implementation of the rules: a ledger with one rule wrong (its refund gives back half) publishes
   * outputs that are consistent, chained and signed, and verify still says where they are wrong, naming the orders.
   */
  @Test
  void aLedgerWithAWrongRuleIsFoundWrongAndTheOrdersNamed() throws Exception {
    Path mutant = MutantLedger.compile("ORDER_REFUND, booked - refunded, null", "ORDER_REFUND, (booked - refunded) / 2, null");
    String prefix = run + "mutant-";
    // Its own input of some 10,000 records: one wrong rule shows in the first refund, and a ledger in a child JVM
    // folding the class's 100,000 would spend two minutes proving nothing more.
    LedgerTopicNames outputs = LedgerTopicNames.defaults().prefixed(prefix);
    createLedgerTopics(outputs);
    List<Input> some = new ArrayList<>();
    for (long seed = TestSeeds.seed("LedgerAuditIT", "audit.input.seed", 9_000_000) + 1_000_000; some.size() < 10_000; seed++) {
      some.addAll(EventSequences.generateWithoutSharedOrderIds(seed));
    }
    produce(outputs.orderEvents(), some, System.currentTimeMillis());
    MutantLedger.fold(kafka, mutant, outputs, prefix + "ledger");

    Path report = Files.createTempDirectory("audit-mutant");
    Result result = audit(verify(outputs.orderEvents(), prefix, report));
    System.out.println(result.out().lines().limit(20).collect(java.util.stream.Collectors.joining("\n")));

    assertThat(result.exitCode()).as(result.out()).isEqualTo(ExitCode.DIFFERENCES);
    JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
    List<JsonNode> found = new ArrayList<>();
    json.get("differenceList").forEach(found::add);
    assertThat(found).as("a refund the rules give in full").anySatisfy(d -> {
      assertThat(d.get("kind").asString()).isIn("DECISION_DIFFERS", "ENTRY_DIFFERS");
      assertThat(d.get("orderId").asString()).isNotBlank();
      assertThat(d.get("expected").asString()).contains("ORDER_REFUND");
    });
    long orders = found.stream().filter(d -> d.get("orderId") != null && !d.get("orderId").isNull()).map(d -> d.get("orderId").asString())
        .distinct().count();
    System.out.printf("[ledger-audit] a ledger whose refund rule gives back half: exit 1, %,d differences naming %,d orders%n",
        json.get("differences").asLong(), orders);
  }

  /** A ledger that decided nothing, and one that stopped with inputs undecided for longer than the bound, are not verified. */
  @Test
  void nothingDecidedAndAStalledLedgerAreNotVerified() throws Exception {
    String fresh = run + "undecided-";
    LedgerTopicNames topics = LedgerTopicNames.defaults().prefixed(fresh);
    createLedgerTopics(topics);
    List<Input> some = EventSequences.generateWithoutSharedOrderIds(77);
    long tenMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
    produce(topics.orderEvents(), some.subList(0, some.size() / 2), System.currentTimeMillis());

    Result nothing = audit(verify(topics.orderEvents(), fresh, Files.createTempDirectory("audit-nothing")));
    assertThat(nothing.exitCode()).as(nothing.out()).isEqualTo(ExitCode.DIFFERENCES);
    assertThat(nothing.out()).contains("NOTHING_VERIFIED");

    fold(topics, fresh + "ledger");
    produce(topics.orderEvents(), some.subList(some.size() / 2, some.size()), tenMinutesAgo); // written; the ledger has stopped
    Path report = Files.createTempDirectory("audit-stalled");
    Result stalled = audit(verify(topics.orderEvents(), fresh, report));
    assertThat(stalled.exitCode()).as(stalled.out()).isEqualTo(ExitCode.DIFFERENCES);
    assertThat(stalled.out()).contains("STALLED");
    JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
    assertThat(json.get("verdict").asString()).isEqualTo("STALLED");
    assertThat(json.get("differences").asLong()).as("what it did decide agrees").isZero();
    assertThat(json.get("coverage").get("inputsNotYetDecided").asLong()).isEqualTo(some.size() - some.size() / 2);
    assertThat(json.get("coverage").get("oldestNotYetDecidedAgeMillis").asLong()).isGreaterThan(Duration.ofMinutes(5).toMillis());
    System.out.printf("[ledger-audit] %d inputs and a ledger that decided none: NOTHING_VERIFIED, exit 1; the ledger stopped with %d inputs"
        + " undecided for 10 min: STALLED, exit 1, though the %d it decided agree%n", some.size() / 2, some.size() - some.size() / 2,
        json.get("checked").get("inputs").asLong());
  }

  private static void produce(String topic, List<Input> inputs, long timestamp) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (Input in : inputs) {
        byte[] value = in.event() == null ? in.raw() : SERDES.orderEvent().serialize(topic, in.event());
        sent.add(producer.send(new ProducerRecord<>(topic, null, timestamp, in.key().getBytes(StandardCharsets.UTF_8), value)));
      }
      for (java.util.concurrent.Future<?> each : sent) {
        each.get(); // every record acknowledged, in order per partner (one producer, idempotent by default)
      }
    }
  }

  private static void assertNamed(List<JsonNode> found, String what, String kind, String partnerId, long sequence) {
    assertThat(found).as(what).anySatisfy(d -> {
      assertThat(d.get("kind").asString()).isEqualTo(kind);
      assertThat(d.get("partnerId").asString()).isEqualTo(partnerId);
      assertThat(d.get("sequence").asLong()).isEqualTo(sequence);
    });
  }

  private static WalletEntry entry(ConsumerRecord<byte[], byte[]> record) {
    return SERDES.walletEntry().deserializer().deserialize("", record.value());
  }

  /** The entry with the hash its content and previousHash give: well chained, as a forger who read the README would make it. */
  private static WalletEntry chained(WalletEntry entry) {
    return WalletEntry.newBuilder(entry).setHash(JournalChain.hash(entry.getPreviousHash(), entry)).build();
  }

  /** The first entry at or after {@code from} that its wallet has a later entry after. */
  private static int entryWithASuccessor(List<ConsumerRecord<byte[], byte[]>> journal, int from) {
    for (int i = from; i < journal.size(); i++) {
      WalletEntry e = entry(journal.get(i));
      if (lastEntryOf(journal, e.getPartnerId(), e.getCurrency()) > i) {
        return i;
      }
    }
    throw new AssertionError("no wallet with two entries after " + from);
  }

  /** The latest checkpoint that signed the last entry of its wallet, among the wallets this journal holds. */
  private static LedgerCheckpoint checkpointOfAWalletsLastEntry(List<ConsumerRecord<byte[], byte[]>> checkpoints,
      List<ConsumerRecord<byte[], byte[]>> journal) {
    Map<String, Long> lastSequence = lastSequences(journal);
    for (int i = checkpoints.size() - 1; i >= 0; i--) {
      LedgerCheckpoint c = CHECKPOINTS.decode("", checkpoints.get(i).value());
      if (Long.valueOf(c.getSequence()).equals(lastSequence.get(c.getPartnerId() + "|" + c.getCurrency()))) {
        return c;
      }
    }
    throw new AssertionError("no checkpoint signs the last entry of a wallet in this journal");
  }

  /** Each wallet's ("partner|currency") last sequence in the journal. */
  private static Map<String, Long> lastSequences(List<ConsumerRecord<byte[], byte[]>> journal) {
    Map<String, Long> lastSequence = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : journal) {
      WalletEntry e = entry(record);
      lastSequence.merge(e.getPartnerId() + "|" + e.getCurrency(), e.getSequence(), Math::max);
    }
    return lastSequence;
  }

  private static boolean everyWalletsLastEntryIsSigned(List<ConsumerRecord<byte[], byte[]>> journal,
                                                       List<ConsumerRecord<byte[], byte[]>> checkpoints) {
    Map<String, Long> lastSequence = lastSequences(journal);
    Set<String> signed = new java.util.HashSet<>();
    for (ConsumerRecord<byte[], byte[]> record : checkpoints) {
      LedgerCheckpoint c = CHECKPOINTS.decode("", record.value());
      signed.add(c.getPartnerId() + "|" + c.getCurrency() + "|" + c.getSequence());
    }
    return lastSequence.entrySet().stream().allMatch(wallet -> signed.contains(wallet.getKey() + "|" + wallet.getValue()));
  }

  private static int lastEntryOf(List<ConsumerRecord<byte[], byte[]>> journal, String partnerId, String currency) {
    for (int i = journal.size() - 1; i >= 0; i--) {
      WalletEntry e = entry(journal.get(i));
      if (e.getPartnerId().equals(partnerId) && e.getCurrency().equals(currency)) {
        return i;
      }
    }
    throw new AssertionError("no entry of " + partnerId + " " + currency);
  }

  private static int partitionOf(String partnerId) {
    return io.orderledger.events.topic.PartnerId.partitionOf(partnerId, PARTITIONS);
  }

  @Test
  void aReplayRebuildsViewsThatVerifyAndEqualTheLiveOnes() throws Exception {
    String applicationId = run + "rebuild";
    Result replay = audit("replay", "--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", names.orderEvents(),
        "--application-id", applicationId);
    System.out.println(replay.out());
    assertThat(replay.exitCode()).as(replay.out()).isZero();
    assertThat(replay.out()).contains("verify --views-prefix " + applicationId + "-");

    // Without --public-key: a replay run without the ledger's keys signs its checkpoints with keys of its own.
    Result verify = audit("verify", "--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", names.orderEvents(), "--views-prefix",
        applicationId + "-", "--quiet");
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
   * README.md's consumer guide: a team that reads one topic needs only that topic's published schema files
   * (order-events-schema's contract/topics/&lt;topic&gt;/v&lt;N&gt;.avsc). Debian's python3-avro runs the README's Python recipe
   * over live records of every Avro topic the fold wrote, and each decoding equals the Java one.
   */
  @Test
  void pythonReadsEveryTopicWithOnlyItsPublishedSchemaFiles() throws Exception {
    Sample sample = sampleOfEveryTopic();
    Process python = new ProcessBuilder("/usr/bin/python3", "src/test/python/decode_topics.py", PUBLISHED_TOPICS.toString(),
        sample.file().toString()).redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor()).as(output).isZero();
    assertThat(output).contains("python3-avro decoded " + sample.records() + " records of " + sample.topics() + " topics");
    System.out.println("[python-avro] " + output.strip());
  }

  /** The same with Node and avsc (from npm), running the README's Node recipe. */
  @Test
  void nodeReadsEveryTopicWithOnlyItsPublishedSchemaFiles() throws Exception {
    Sample sample = sampleOfEveryTopic();
    NodePackages avsc = NodePackages.install("avsc@5.7.9");
    Process node = avsc.process(List.of("node", "src/test/node/decode_topics.js", PUBLISHED_TOPICS.toString(), sample.file().toString())).start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor()).as(output).isZero();
    assertThat(output).contains("avsc decoded " + sample.records() + " records of " + sample.topics() + " topics");
    System.out.println("[node-avsc] " + output.strip());
  }

  /**
   * README.md's Java consumer reads the live journal from the start: every wallet chains from genesis with no gap, and
   * its last entry is what the ledger's own journal ends with.
   */
  @Test
  void theGuidesJavaConsumerReadsTheJournalWithNoGapAndEveryHashChained() {
    WalletJournalConsumer consumer = new WalletJournalConsumer();
    consumer.readUntilIdle(kafka.bootstrapServers(), names.walletJournal(), run + "guide-consumer");
    List<ConsumerRecord<byte[], byte[]>> journal = readAll(names.walletJournal());
    assertThat(consumer.problems).isEmpty();
    assertThat(consumer.entries).isEqualTo(journal.size());
    assertThat(consumer.lastByWallet).hasSizeGreaterThan(10);
    System.out.println("[guide-java] read " + consumer.entries + " journal entries of " + consumer.lastByWallet.size()
        + " wallets: no gap, every hash chained");
  }

  /** The published per-topic schema files, as a consumer downloads them. */
  private static final Path PUBLISHED_TOPICS = Path.of("..", "order-events-schema", "src", "main", "resources")
      .resolve(ContractDocuments.ROOT).resolve("topics");

  record Sample(Path file, int records, int topics) {
  }

  /** Up to 1,000 records of each Avro topic the fold wrote, each with its Java decoding, named by its published topic. */
  private static Sample sampleOfEveryTopic() throws Exception {
    RecordJson java = new RecordJson(SchemaCatalog.shipped());
    StringBuilder lines = new StringBuilder();
    int written = 0;
    int topics = 0;
    for (PublishedTopic published : PublishedTopic.values()) {
      if (!published.avroValues()) {
        continue;
      }
      String topic = run + published.topicName();
      List<ConsumerRecord<byte[], byte[]>> records = readAll(topic);
      int before = written;
      for (ConsumerRecord<byte[], byte[]> record : records.subList(0, Math.min(1_000, records.size()))) {
        RecordJson.Decoded decoded = java.value(record.value());
        if (decoded.schema() == null || decoded.failure() != null) {
          continue; // the input's deliberate garbage
        }
        lines.append(JSON.writeValueAsString(Map.of("topic", published.topicName(), "offset", record.offset(),
            "value", Base64.getEncoder().encodeToString(record.value()), "java", decoded.json()))).append('\n');
        written++;
      }
      topics += written > before ? 1 : 0;
    }
    assertThat(topics).as("the fold wrote every Avro topic").isEqualTo(7);
    Path file = Files.createTempFile("ledger-records", ".jsonl");
    Files.writeString(file, lines);
    return new Sample(file, written, topics);
  }

  /**
   * The journal's hash chain recomputed outside Java, from the published v4 wallet-journal schema: every entry of every wallet on one
   * partition of the live journal, with hashlib and python3-avro (the README's formula, checked by a second implementation).
   */
  @Test
  void pythonRecomputesEveryHashOfTheJournal() throws Exception {
    Path sample = Files.createTempFile("journal-records", ".jsonl");
    StringBuilder lines = new StringBuilder();
    // One partition's records: every wallet on it whole (a partner's wallets live on its partition), some 10,000 entries,
    // which pure-Python Avro gets through in seconds.
    List<ConsumerRecord<byte[], byte[]>> journal = readAll(names.walletJournal()).stream().filter(r -> r.partition() == 0).toList();
    for (ConsumerRecord<byte[], byte[]> record : journal) {
      lines.append(JSON.writeValueAsString(Map.of("topic", names.walletJournal(), "offset", record.offset(),
          "value", Base64.getEncoder().encodeToString(record.value())))).append('\n');
    }
    Files.writeString(sample, lines);
    Process python = new ProcessBuilder("/usr/bin/python3", "src/test/python/chain_hashes.py",
        PUBLISHED_TOPICS.resolve("wallet-journal").toString(), sample.toString())
        .redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor()).as(output).isZero();
    assertThat(output).contains("recomputed " + journal.size() + " hashes");
    System.out.println("[python-chain] " + output.strip());
  }

  static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    return CommittedRecords.readAll(kafka, topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
  }

  /** Copies a topic record for record (same partition, key, value, timestamp, headers), leaving out the records at {@code skip}. */
  private static void copy(List<ConsumerRecord<byte[], byte[]>> records, String target, Set<Integer> skip) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 10), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < records.size(); i++) {
        if (!skip.contains(i)) {
          ConsumerRecord<byte[], byte[]> r = records.get(i);
          producer.send(new ProducerRecord<>(target, r.partition(), r.timestamp(), r.key(), r.value(), r.headers()));
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
