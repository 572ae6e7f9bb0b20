package io.orderledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.codec.EventSerdes;
import io.orderledger.ledger.model.EventSequences;
import io.orderledger.ledger.topology.LedgerMetrics;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.ledger.topology.LedgerTopics;
import io.orderledger.ledger.topology.LedgerTopology;
import io.orderledger.testing.kafka.SaslKafkaBroker;
import io.orderledger.testing.keys.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code ledger-audit} on a secured cluster: a broker whose only client listener is SASL_PLAINTEXT (PLAIN). Without
 * credentials the tool cannot run and says so in one line (exit 2, naming {@code --command-config}); with a
 * {@code --command-config} file of Kafka client properties, as Kafka's own tools take, it verifies (exit 0) and tails.
 */
class SecuredClusterIT {

  private static final EventSerdes SERDES = EventSerdes.shipped();

  @Test
  void verifyAndTailReachASaslClusterThroughACommandConfigFile() throws Exception {
    try (SaslKafkaBroker kafka = SaslKafkaBroker.start()) {
      LedgerTopicNames names = LedgerTopicNames.defaults();
      kafka.createTopics(3, names.orderEvents(), names.orderViews(), names.walletJournal(), names.rejected(), names.walletDiscrepancies(),
          names.decisions());
      kafka.createTopics(3, Map.of("cleanup.policy", "compact"), names.orderOwners(), names.checkpoints());
      List<EventSequences.Input> inputs = EventSequences.generateWithoutSharedOrderIds(2026_12_03L);
      Map<String, Object> producerConfig = new HashMap<>(kafka.clientProperties());
      producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
        for (EventSequences.Input in : inputs) {
          byte[] value = in.event() == null ? in.raw() : SERDES.orderEvent().serialize(names.orderEvents(), in.event());
          producer.send(new ProducerRecord<>(names.orderEvents(), null, System.currentTimeMillis(), in.key().getBytes(StandardCharsets.UTF_8), value));
        }
      }
      Properties streams = new Properties();
      streams.putAll(kafka.clientProperties());
      streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "secured-ledger");
      streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      streams.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      streams.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("secured-ledger").toString());
      streams.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
      try (KafkaStreams ledger = new KafkaStreams(LedgerTopology.build(LedgerTopics.of(names, SERDES), SERDES, LedgerMetrics.none(),
          LedgerAuditIT.SEAL), streams)) {
        ledger.start();
        Path config = Files.createTempFile("command-config", ".properties", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder text = new StringBuilder();
        kafka.clientProperties().forEach((k, v) -> text.append(k).append('=').append(String.valueOf(v).replace("\\", "\\\\")).append('\n'));
        Files.writeString(config, text);

        LedgerAuditIT.Result refused = LedgerAuditIT.audit("verify", "--bootstrap-servers", kafka.bootstrapServers(), "--connect-timeout", "5s",
            "--quiet");
        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(ExitCode.CANNOT_RUN);
        // The broker runs in this JVM and logs to the same captured stdout; the tool's own words are its "ledger-audit" line.
        List<String> said = refused.out().lines().filter(line -> line.startsWith("ledger-audit ")).toList();
        assertThat(said).as("one line, in:%n%s", refused.out()).hasSize(1);
        assertThat(said.get(0)).contains("--command-config");

        Awaitility.await("the ledger on the secured cluster decides every input").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
            .until(() -> LedgerAuditIT.audit("verify", "--bootstrap-servers", kafka.bootstrapServers(), "--command-config", config.toString(),
                "--public-key", TestKeys.CHECKPOINT_PUBLIC, "--quiet").exitCode() == ExitCode.OK);
        LedgerAuditIT.Result verified = LedgerAuditIT.audit("verify", "--bootstrap-servers", kafka.bootstrapServers(), "--command-config",
            config.toString(), "--quiet");
        assertThat(verified.exitCode()).as(verified.out()).isEqualTo(ExitCode.OK);
        assertThat(verified.out()).contains("VERIFIED", "(100.0%)");
        LedgerAuditIT.Result tail = LedgerAuditIT.audit("tail", "--bootstrap-servers", kafka.bootstrapServers(), "--command-config", config.toString(),
            "--topic", names.decisions(), "--from-beginning", "--max-records", "3");
        System.out.printf("[secured-cluster] SASL_PLAINTEXT broker: without credentials exit 2 (%s); with --command-config verify exit 0 over"
            + " %d inputs, tail exit %d%n", said.get(0), inputs.size(), tail.exitCode());
        assertThat(tail.exitCode()).as(tail.out()).isEqualTo(ExitCode.OK);
      }
    }
  }
}
