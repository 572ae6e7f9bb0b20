package io.orderledger.audit.kafka;

import io.orderledger.audit.CannotRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The cluster the tool reads: checked once for reachability and for the topics a command needs, so that a wrong
 * address or a typo in a topic name is a one-line reason and not a hang or a stack trace. Every consumer it makes
 * reads {@code read_committed}, assigns partitions itself (no consumer group, nothing committed) and never writes.
 */
public final class Cluster implements AutoCloseable {

  private final String bootstrapServers;
  private final Map<String, Object> clientProperties;
  private final Admin admin;
  private final Set<String> topics;
  private KafkaConsumer<byte[], byte[]> offsets;

  private Cluster(String bootstrapServers, Map<String, Object> clientProperties, Admin admin, Set<String> topics) {
    this.bootstrapServers = bootstrapServers;
    this.clientProperties = Map.copyOf(clientProperties);
    this.admin = admin;
    this.topics = topics;
  }

  public static Cluster connect(String bootstrapServers, Duration timeout) {
    return connect(bootstrapServers, timeout, Map.of());
  }

  /** @param clientProperties applied to every client (a secured cluster's {@code security.protocol}, {@code sasl.*}, {@code ssl.*}) */
  public static Cluster connect(String bootstrapServers, Duration timeout, Map<String, Object> clientProperties) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    Admin admin = Admin.create(config);
    try {
      Set<String> topics = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Cluster(bootstrapServers, clientProperties, admin, topics);
    } catch (TimeoutException | ExecutionException e) {
      admin.close(Duration.ZERO);
      throw new CannotRun("cannot reach Kafka at " + bootstrapServers + " within " + timeout.toSeconds() + " s"
          + (clientProperties.isEmpty() ? " (a secured cluster needs --command-config)" : ""));
    } catch (InterruptedException e) {
      admin.close(Duration.ZERO);
      Thread.currentThread().interrupt();
      throw new CannotRun("interrupted while connecting to " + bootstrapServers);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The client properties every client of this cluster gets (empty for a plain one). */
  public Map<String, Object> clientProperties() {
    return clientProperties;
  }

  public Admin admin() {
    return admin;
  }

  public boolean has(String topic) {
    return topics.contains(topic);
  }

  /** @throws CannotRun naming the topic and what it is for, when the cluster does not have it */
  public void require(String topic, String whatFor) {
    if (!has(topic)) {
      throw new CannotRun("topic " + topic + " (" + whatFor + ") does not exist on " + bootstrapServers);
    }
  }

  public synchronized List<TopicPartition> partitions(String topic) {
    List<TopicPartition> partitions = new ArrayList<>();
    offsets().partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
    return partitions;
  }

  /** Each partition's last stable offset: what a read_committed reader can read up to now. */
  public synchronized Map<TopicPartition, Long> endOffsets(String topic) {
    return new HashMap<>(offsets().endOffsets(partitions(topic)));
  }

  /**
   * The one consumer that answers for partitions and end offsets, kept open: {@code verify --follow} asks for every
   * topic's end at every pass, and a consumer made and closed for each question (two, with the partitions) cost the
   * verifier 8.8% of a core and the broker its connections and metadata requests while nothing was written
   * (BENCHMARKS.md, 2026-12-04).
   */
  private KafkaConsumer<byte[], byte[]> offsets() {
    if (offsets == null) {
      offsets = consumer();
    }
    return offsets;
  }

  /** A read_committed consumer of raw bytes that belongs to no group. */
  public KafkaConsumer<byte[], byte[]> consumer() {
    return consumer(Map.of());
  }

  /** The same, with some settings of its own (a reader of single records wants small fetches that do not wait). */
  public KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "ledger-audit-" + UUID.randomUUID()); // never committed: offsets are assigned
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    config.putAll(overrides);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public synchronized void close() {
    if (offsets != null) {
      offsets.close(Duration.ofSeconds(5));
    }
    admin.close(Duration.ofSeconds(5));
  }
}
