package io.orderledger.audit.cli;

import io.orderledger.ledger.topology.LedgerStreamsSettings;
import io.orderledger.audit.CannotRun;
import io.orderledger.audit.ExitCode;
import io.orderledger.audit.kafka.Cluster;
import io.orderledger.audit.verify.report.Progress;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.topic.TopicLayout;
import io.orderledger.events.topic.TopicProvisioning;
import io.orderledger.events.topic.TopicSettings;
import io.orderledger.ledger.topology.LedgerMetrics;
import io.orderledger.events.seal.LedgerMac;
import io.orderledger.events.topic.TopicNames;
import io.orderledger.ledger.seal.CheckpointSigner;
import io.orderledger.ledger.seal.LedgerSeal;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.ledger.topology.LedgerTopics;
import io.orderledger.ledger.topology.LedgerTopology;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: rebuild the ledger's outputs from the start of order-events into a fresh set of topics named after
 * a new application id, with the ledger's own topology (exactly-once, as the service runs it), until it has caught up
 * with the log; the live topics are not touched (a blue/green rebuild).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Rebuild the views, journal, decisions and rejections from the start of order-events into topics prefixed",
        "'<application-id>-', with the ledger's own topology, until caught up. The live topics are untouched."})
public final class ReplayCommand implements Callable<Integer> {

  @Mixin
  KafkaOptions kafka;

  @Spec
  CommandSpec spec;

  @Option(names = "--application-id", required = true, paramLabel = "NEW",
      description = "The rebuild's Kafka Streams application id and the prefix of its topics; must not be in use.")
  String applicationId;

  @Option(names = "--until", paramLabel = "TIME", converter = TimeConverter.class,
      description = "Leave out inputs ingested after this time: the ledger as it was then.")
  Instant until;

  @Option(names = "--events-topic", defaultValue = TopicNames.ORDER_EVENTS, paramLabel = "TOPIC")
  String eventsTopic;

  @Option(names = "--replication-factor", defaultValue = "1", paramLabel = "N", description = "For the new topics (default ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(names = "--timeout", defaultValue = "60m", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Give up when not caught up by then (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!applicationId.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new CannotRun("--application-id must be 1-100 of [A-Za-z0-9._-]: it names topics");
    }
    String prefix = applicationId + "-";
    LedgerTopicNames names = new LedgerTopicNames(eventsTopic, TopicNames.ORDER_VIEWS, TopicNames.WALLET_JOURNAL, TopicNames.ORDER_EVENTS_REJECTED,
        TopicNames.WALLET_DISCREPANCIES, TopicNames.ORDER_OWNERS, TopicNames.LEDGER_DECISIONS, TopicNames.LEDGER_CHECKPOINTS)
        .outputsPrefixed(prefix);
    LedgerSeal seal = seal(out);
    try (Cluster cluster = kafka.connect()) {
      cluster.require(eventsTopic, "the ledger's input");
      if (cluster.has(names.orderViews()) || cluster.has(names.decisions())) {
        throw new CannotRun("topics prefixed " + prefix + " exist already: choose a new --application-id");
      }
      int partitions = cluster.partitions(eventsTopic).size();
      createTopics(cluster, names, partitions);
      EventSerdes serdes = EventSerdes.shipped();
      AtomicLong processed = new AtomicLong();
      LedgerMetrics counting = new LedgerMetrics() {
        @Override
        public void decided(io.orderledger.events.DecisionKind kind) {
          processed.incrementAndGet();
        }
      };
      var topology = LedgerTopology.build(LedgerTopics.of(names, serdes), serdes, counting, seal, LedgerTopology.StoreOptions.defaults(),
          until == null ? Long.MAX_VALUE : until.toEpochMilli());
      Properties config = new Properties();
      config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
      config.putAll(cluster.clientProperties());
      config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
      config.putAll(LedgerStreamsSettings.required());
      config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("ledger-audit-replay").toString());
      config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
      config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
      Map<TopicPartition, Long> end = afterLastRecords(cluster, cluster.endOffsets(eventsTopic));
      long total = end.values().stream().mapToLong(Long::longValue).sum();
      Progress progress = Progress.to(System.err);
      long started = System.nanoTime();
      try (KafkaStreams streams = new KafkaStreams(topology, config)) {
        streams.start();
        progress.start("replay " + eventsTopic + " into " + prefix + "*", total);
        long reported = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!caughtUp(cluster, end)) {
          if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
            throw new CannotRun("the replay stopped: Kafka Streams is " + streams.state());
          }
          if (System.nanoTime() > deadline) {
            throw new CannotRun("not caught up within " + timeout.toMinutes() + " min");
          }
          Thread.sleep(500);
          long now = committed(cluster);
          for (; reported < now; reported++) {
            progress.step();
          }
        }
        progress.finish();
        streams.close(Duration.ofSeconds(30));
      }
      out.printf("replayed %,d input records (%,d decided) into %s* in %.1f s%s%n", total, processed.get(), prefix,
          (System.nanoTime() - started) / 1e9, until == null ? "" : ", leaving out inputs after " + until);
      out.printf("verify the rebuild:      ./ledger-audit.sh verify --views-prefix %s%s%n", prefix, until == null ? "" : " --until " + until);
      out.printf("serve it from a query service (a new application id, the rebuilt topics):%n"
              + "  SPRING_KAFKA_STREAMS_APPLICATION_ID=%squery QUERY_TOPICS_ORDER_VIEWS=%s QUERY_TOPICS_WALLET_JOURNAL=%s \\%n"
              + "  QUERY_TOPICS_DECISIONS=%s java -jar query-service/target/query-service-0.1.0-SNAPSHOT-exec.jar%n",
          prefix, names.orderViews(), names.walletJournal(), names.decisions());
      return ExitCode.OK;
    }
  }

  private void createTopics(Cluster cluster, LedgerTopicNames names, int partitions) throws Exception {
    Map<String, TopicLayout> layouts = new HashMap<>();
    layouts.put(names.orderViews(), TopicLayout.ORDER_VIEWS);
    layouts.put(names.walletJournal(), TopicLayout.WALLET_JOURNAL);
    layouts.put(names.rejected(), TopicLayout.ORDER_EVENTS_REJECTED);
    layouts.put(names.walletDiscrepancies(), TopicLayout.WALLET_DISCREPANCIES);
    layouts.put(names.orderOwners(), TopicLayout.ORDER_OWNERS);
    layouts.put(names.decisions(), TopicLayout.LEDGER_DECISIONS);
    layouts.put(names.checkpoints(), TopicLayout.LEDGER_CHECKPOINTS);
    var topics = TopicProvisioning.newTopics(new TopicSettings(true, partitions, replicationFactor, Math.min(2, replicationFactor)), layouts);
    cluster.admin().createTopics(topics).all().get();
  }

  /**
   * Per partition, the offset just after its last committed record: where a consumer that has read everything commits.
   * Not the end offset, which may lie after a transaction marker that no consumer position ever stops before.
   */
  private static Map<TopicPartition, Long> afterLastRecords(Cluster cluster, Map<TopicPartition, Long> end) {
    Map<TopicPartition, Long> after = new HashMap<>();
    try (var consumer = cluster.consumer()) {
      for (var partition : end.entrySet()) {
        long stop = partition.getValue();
        long last = -1;
        for (long back = 16; last < 0 && stop > 0; back *= 4) {
          consumer.assign(List.of(partition.getKey()));
          long from = Math.max(0, stop - back);
          consumer.seek(partition.getKey(), from);
          while (consumer.position(partition.getKey()) < stop) {
            for (var record : consumer.poll(Duration.ofMillis(200))) {
              if (record.offset() < stop) {
                last = Math.max(last, record.offset());
              }
            }
          }
          if (from == 0) {
            break;
          }
        }
        after.put(partition.getKey(), last + 1);
      }
    }
    return after;
  }

  /** Whether the rebuild's consumer group has committed every input up to where the log ended when it started. */
  private boolean caughtUp(Cluster cluster, Map<TopicPartition, Long> end) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = cluster.admin().listConsumerGroupOffsets(applicationId)
        .partitionsToOffsetAndMetadata().get();
    for (var partition : end.entrySet()) {
      OffsetAndMetadata done = committed.get(partition.getKey());
      if (partition.getValue() > 0 && (done == null || done.offset() < partition.getValue())) {
        return false;
      }
    }
    return true;
  }

  private long committed(Cluster cluster) throws Exception {
    return cluster.admin().listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().values().stream()
        .mapToLong(OffsetAndMetadata::offset).sum();
  }

  /**
   * The ledger's own keys when they are in this process's environment (LEDGER_MAC_KEY, LEDGER_CHECKPOINTS_SIGNING_KEY,
   * LEDGER_CHECKPOINTS_PUBLIC_KEY): a rebuild meant to be served must carry the ledger's seal. Without them, keys made
   * up for this run: the rebuild can be verified, not served.
   */
  private static LedgerSeal seal(PrintWriter out) {
    String mac = System.getenv("LEDGER_MAC_KEY");
    String signing = System.getenv("LEDGER_CHECKPOINTS_SIGNING_KEY");
    String publicKey = System.getenv("LEDGER_CHECKPOINTS_PUBLIC_KEY");
    if (mac == null || signing == null || publicKey == null) {
      out.println("the ledger's keys are not in this environment: the rebuild is sealed with keys made up for it (verify it; to serve it,"
          + " run replay with LEDGER_MAC_KEY, LEDGER_CHECKPOINTS_SIGNING_KEY and LEDGER_CHECKPOINTS_PUBLIC_KEY set)");
      return LedgerSeal.ephemeral();
    }
    return new LedgerSeal(LedgerMac.withKey(mac), CheckpointSigner.of(signing, publicKey), LedgerSeal.DEFAULT_EVERY_ENTRIES,
        LedgerSeal.DEFAULT_EVERY);
  }

  static List<String> outputs(String prefix) {
    LedgerTopicNames live = LedgerTopicNames.defaults();
    return List.of(prefix + live.orderViews(), prefix + live.walletJournal(), prefix + live.decisions(), prefix + live.rejected());
  }
}
