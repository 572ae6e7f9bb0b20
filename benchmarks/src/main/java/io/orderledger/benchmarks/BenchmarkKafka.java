package io.orderledger.benchmarks;

import io.orderledger.ledger.topology.LedgerStreamsSettings;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.local.LocalKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/** A real broker in its own process for a benchmark run, and the measuring of a Kafka Streams app against it. */
final class BenchmarkKafka implements AutoCloseable {

  private final LocalKafkaBroker broker;
  private final Admin admin;

  private BenchmarkKafka(LocalKafkaBroker broker) {
    this.broker = broker;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  static BenchmarkKafka start(int port) throws Exception {
    Path classpathFile = Path.of(System.getProperty("kafka.broker.classpath.file", "local-stack/target/kafka-broker.classpath"));
    Path dataDir = WorkDirs.create("benchmark-kafka");
    return new BenchmarkKafka(LocalKafkaBroker.start(dataDir, port, LocalKafkaBroker.classpathFrom(classpathFile), "1g"));
  }

  /** The broker's process id, for measuring its CPU. */
  long pid() {
    return broker.pid();
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  void createTopics(int partitions, String... names) throws Exception {
    createTopics(partitions, Map.of(), names);
  }

  void createTopics(int partitions, Map<String, String> configs, String... names) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      topics.add(new NewTopic(name, partitions, (short) 1).configs(configs));
    }
    admin.createTopics(topics).all().get();
    // Written before the broker has applied the new partitions, an idempotent producer's first request can fail with
    // NOT_LEADER_OR_FOLLOWER while its second is appended; the first then fails OUT_OF_ORDER_SEQUENCE_NUMBER on every
    // retry until it expires (KAFKA-15591; a fill failed so on 2026-12-04): wait until every partition has a leader.
    org.awaitility.Awaitility.await("a leader for every partition of " + List.of(names)).atMost(java.time.Duration.ofSeconds(30))
        .pollInterval(java.time.Duration.ofMillis(50)).until(() -> everyPartitionLed(List.of(names)));
  }

  private boolean everyPartitionLed(List<String> names) throws InterruptedException {
    try {
      return admin.describeTopics(names).allTopicNames().get().values().stream()
          .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    } catch (java.util.concurrent.ExecutionException notYetKnown) {
      return false; // created, not yet in the metadata the broker answers with
    }
  }

  /**
   * Sets (or, with null, removes) one config on existing topics: the broker's own {@code __transaction_state} and
   * {@code __consumer_offsets}, which a transactional application writes too.
   */
  void setTopicConfig(String name, String value, String... topics) throws Exception {
    Map<org.apache.kafka.common.config.ConfigResource, java.util.Collection<org.apache.kafka.clients.admin.AlterConfigOp>> changes = new HashMap<>();
    for (String topic : topics) {
      var op = value == null
          ? new org.apache.kafka.clients.admin.AlterConfigOp(new org.apache.kafka.clients.admin.ConfigEntry(name, ""),
              org.apache.kafka.clients.admin.AlterConfigOp.OpType.DELETE)
          : new org.apache.kafka.clients.admin.AlterConfigOp(new org.apache.kafka.clients.admin.ConfigEntry(name, value),
              org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET);
      changes.put(new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic), List.of(op));
    }
    admin.incrementalAlterConfigs(changes).all().get();
  }

  /** Bytes the topic's partitions hold in the broker's log directories: record batches as produced (compressed). */
  long logBytes(String topic) throws Exception {
    long bytes = 0;
    List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(node -> node.id()).toList();
    var dirs = admin.describeLogDirs(brokers).allDescriptions().get();
    for (var broker : dirs.values()) {
      for (var dir : broker.values()) {
        for (var replica : dir.replicaInfos().entrySet()) {
          if (replica.getKey().topic().equals(topic)) {
            bytes += replica.getValue().size();
          }
        }
      }
    }
    return bytes;
  }

  /** Bytes every topic's partitions hold in the broker's log directories, by topic: what the run wrote where. */
  Map<String, Long> logBytesByTopic() throws Exception {
    Map<String, Long> bytes = new java.util.TreeMap<>();
    List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(node -> node.id()).toList();
    for (var broker : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
      for (var dir : broker.values()) {
        dir.replicaInfos().forEach((partition, replica) -> bytes.merge(partition.topic(), replica.size(), Long::sum));
      }
    }
    return bytes;
  }

  /** The offsets (records and transaction markers) in every partition of the topics whose names start with the prefix. */
  long offsetsOfTopicsStartingWith(String prefix) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (var topic : admin.describeTopics(admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix)).toList())
        .allTopicNames().get().values()) {
      topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
    }
    return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
  }

  /** What a topic holds, committed records only: how many, and their keys' and values' bytes. */
  record TopicStats(String topic, long records, long keyBytes, long valueBytes) {

    double perRecord(long bytes) {
      return records == 0 ? 0 : (double) bytes / records;
    }
  }

  /** Reads a topic from the beginning to its end (read_committed) and counts what it holds. */
  TopicStats stats(String topic) {
    try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
        Map.of("bootstrap.servers", bootstrapServers(), "isolation.level", "read_committed", "max.poll.records", 5_000,
            "fetch.max.bytes", 64 * 1024 * 1024),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long records = 0;
      long keyBytes = 0;
      long valueBytes = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          records++;
          keyBytes += record.key() == null ? 0 : record.key().length;
          valueBytes += record.value() == null ? 0 : record.value().length;
        }
      }
      return new TopicStats(topic, records, keyBytes, valueBytes);
    }
  }

  List<String> topicsStartingWith(String prefix) throws Exception {
    return admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix)).sorted().toList();
  }

  /** The sum of the topic's partitions' end offsets: its records, transaction markers included. */
  long endOffsetSum(String topic, int partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    return admin.listOffsets(latest).all().get().values().stream().mapToLong(end -> end.offset()).sum();
  }

  /**
   * The query service's Kafka Streams application id: {@code order-query-v2}, or what {@code -DqueryApplicationId}
   * says for a build from before it was renamed ({@code order-query}), run with {@code -Dstack.services-from}.
   */
  static final String QUERY_APPLICATION_ID = System.getProperty("queryApplicationId", "order-query-v2");

  /**
   * What the stack's two Kafka Streams applications have not committed yet: the ledger ({@code order-ledger}) on the
   * events, the query service ({@link #QUERY_APPLICATION_ID}) on each of its inputs. Zero once both have read everything
   * written.
   */
  long stackLag(LedgerTopicNames names) throws Exception {
    List<String> queryInputs = List.of(names.orderViews(), names.walletJournal(), names.decisions(), names.orderEvents(),
        names.walletDiscrepancies(), names.checkpoints());
    var partitions = admin.describeTopics(queryInputs).allTopicNames().get();
    long lag = lag("order-ledger", names.orderEvents(), partitions.get(names.orderEvents()).partitions().size());
    for (String topic : queryInputs) {
      lag += lag(QUERY_APPLICATION_ID, topic, partitions.get(topic).partitions().size());
    }
    return lag;
  }

  long lag(String groupId, String topic, int partitions) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    long lag = 0;
    for (var end : admin.listOffsets(latest).all().get().entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      lag += end.getValue().offset() - (done == null ? 0 : done.offset());
    }
    return lag;
  }

  /**
   * Runs a topology over the whole input and returns its sustained rate in records/s: from the moment a tenth of the
   * input is processed (startup, task assignment and JIT warm-up are behind it) to the moment every input record is
   * committed, so the last transaction's commit is included.
   */
  double measure(String applicationId, Topology topology, String input, int partitions, long records, LongSupplier processed,
                 Map<String, Object> overrides) throws Exception {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(StreamsConfig.STATE_DIR_CONFIG, WorkDirs.create("benchmark-streams").toString());
    config.putAll(LedgerStreamsSettings.required()); // the ledger's, and its baselines run as it does
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16 * 1024 * 1024L);
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    config.putAll(overrides);
    try (KafkaStreams streams = new KafkaStreams(topology, config)) {
      streams.start();
      long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
      long warm = records / 10;
      while (processed.getAsLong() < warm) {
        check(streams, deadline);
        Thread.sleep(1);
      }
      long start = System.nanoTime();
      long startCount = processed.getAsLong();
      while (processed.getAsLong() < records || lag(applicationId, input, partitions) > 0) {
        check(streams, deadline);
        Thread.sleep(50);
      }
      long elapsed = System.nanoTime() - start;
      streams.close(Duration.ofSeconds(30));
      return (records - startCount) / (elapsed / 1e9);
    }
  }

  private static void check(KafkaStreams streams, long deadline) {
    if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING || System.nanoTime() > deadline) {
      throw new IllegalStateException("benchmark streams app stopped or timed out: " + streams.state());
    }
  }

  @Override
  public void close() {
    admin.close();
    broker.close();
  }
}
