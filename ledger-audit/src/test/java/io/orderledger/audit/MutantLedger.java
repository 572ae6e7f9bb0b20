package io.orderledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.seal.LedgerMac;
import io.orderledger.ledger.seal.CheckpointSigner;
import io.orderledger.ledger.seal.LedgerSeal;
import io.orderledger.ledger.topology.LedgerMetrics;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.ledger.topology.LedgerTopics;
import io.orderledger.ledger.topology.LedgerTopology;
import io.orderledger.testing.kafka.CommittedRecords;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.keys.TestKeys;
import io.orderledger.testing.process.ChildJvm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The ledger with one of its rules changed: the real {@code MoneyPlan} source with one expression replaced, compiled
 * here with the JDK's compiler and put in front of the class path of a ledger run as its own JVM. Everything else is
 * the ledger's own code, so its outputs are as consistent, chained, sealed and signed as the real one's; only the rule
 * is wrong, which is what an independent verify must find.
 */
final class MutantLedger {

  private static final Path RULE = Path.of("..", "ledger-core", "src", "main", "java", "io", "orderledger", "ledger", "rules", "MoneyPlan.java");

  private MutantLedger() {
  }

  /** Compiles MoneyPlan with {@code find} replaced by {@code replace}; returns the folder that holds the class. */
  static Path compile(String find, String replace) throws Exception {
    String source = Files.readString(RULE);
    assertThat(source).as("the rule to change").contains(find);
    Path sources = Files.createTempDirectory("mutant-src");
    Path file = sources.resolve("io/orderledger/ledger/rules/MoneyPlan.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source.replace(find, replace));
    Path classes = Files.createTempDirectory("mutant-classes");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status = compiler.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "--release", "17",
        file.toString());
    assertThat(status).as("the mutant compiles").isZero();
    return classes;
  }

  /** Runs the mutant ledger over {@code names}' input until it has committed every input, then stops it. */
  static void fold(KafkaBroker kafka, Path mutant, LedgerTopicNames names, String applicationId) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of(kafka.bootstrapServers(), applicationId));
    args.addAll(names.all());
    ChildJvm ledger = ChildJvm.start("mutant-ledger", MutantLedger.class.getName(), ChildJvm.QUICK_START,
        mutant + File.pathSeparator + System.getProperty("java.class.path"), args, Map.of(),
        Path.of("target", "mutant-logs", applicationId + ".log"));
    try {
      ledger.awaitWhileAlive("the mutant ledger folds every input", Duration.ofMinutes(5),
          () -> CommittedRecords.lag(kafka, applicationId, names.orderEvents()) == 0);
    } finally {
      ledger.stop(Duration.ofSeconds(30));
    }
  }

  /** args: bootstrap servers, application id, then the eight topic names in {@link LedgerTopicNames#all()}'s order. */
  public static void main(String[] args) throws Exception {
    LedgerTopicNames names = new LedgerTopicNames(args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9]);
    EventSerdes serdes = EventSerdes.shipped();
    LedgerSeal seal = new LedgerSeal(LedgerMac.withKey(TestKeys.LEDGER_MAC),
        CheckpointSigner.of(TestKeys.CHECKPOINT_PRIVATE, TestKeys.CHECKPOINT_PUBLIC), 20, Duration.ofSeconds(2));
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("mutant-ledger").toString());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    CountDownLatch stopped = new CountDownLatch(1);
    KafkaStreams streams = new KafkaStreams(LedgerTopology.build(LedgerTopics.of(names, serdes), serdes, LedgerMetrics.none(), seal), config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(Duration.ofSeconds(20));
      stopped.countDown();
    }));
    // The evidence that the changed rule is the one running: where the class was loaded from.
    System.out.println("MoneyPlan loaded from " + Class.forName("io.orderledger.ledger.rules.MoneyPlan").getProtectionDomain().getCodeSource()
        .getLocation());
    streams.start();
    stopped.await();
  }
}
