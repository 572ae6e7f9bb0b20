package io.orderledger.events.topic;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The intended configuration of each of the ledger's topics (DESIGN.md, "Data flow and topics"). Every service
 * creates the topics it writes from this, so a topic looks the same whoever created it first.
 */
public enum TopicLayout {

  /** The source of truth: kept forever. */
  ORDER_EVENTS(Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1")),
  /** One record per source, the latest position and its window of orders: compacted; room for a large window. */
  POLLER_CHECKPOINTS(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000", "max.message.bytes", "16777216")),
  /** The current view of each order: compacted. */
  ORDER_VIEWS(Map.of("cleanup.policy", "compact")),
  /** Every wallet movement, kept forever for audit. */
  WALLET_JOURNAL(Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1")),
  /** Rejected inputs: kept 90 days for inspection and replay. */
  ORDER_EVENTS_REJECTED(Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(90L * 24 * 3600 * 1000))),
  /** Where a source's own wallet figures disagree with the ledger's: kept forever for audit. */
  WALLET_DISCREPANCIES(Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1")),
  /**
   * Order id → owning partner: compacted, and one partition. Nothing reads it by partition: every ledger instance
   * reads all of it as a global store, and Kafka Streams brings a global store up to date before any stream thread
   * starts, one partition after another, each switch waiting out the fetch left parked at the broker for the partition
   * before ({@code fetch.max.wait.ms}, 500 ms). With 12 partitions that was 5.7 s of every ledger restart.
   */
  ORDER_OWNERS(Map.of("cleanup.policy", "compact"), 1),
  /** One record per ledger input saying what was done with it: the audit trail, kept forever. */
  LEDGER_DECISIONS(Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1")),
  /** Each wallet's latest signed checkpoint (keyed partner/currency): compacted, so the newest one always remains. */
  LEDGER_CHECKPOINTS(Map.of("cleanup.policy", "compact"));

  /** Partitions to create it with whatever the deployment's count; 0: the deployment's ({@link TopicSettings}). */
  private static final int DEPLOYMENT_PARTITIONS = 0;

  private final Map<String, String> configs;
  private final int partitions;

  TopicLayout(Map<String, String> configs) {
    this(configs, DEPLOYMENT_PARTITIONS);
  }

  TopicLayout(Map<String, String> configs, int partitions) {
    this.configs = configs;
    this.partitions = partitions;
  }

  /** The partition count this topic is created with whatever the deployment's, if it fixes one. */
  public OptionalInt fixedPartitions() {
    return partitions == DEPLOYMENT_PARTITIONS ? OptionalInt.empty() : OptionalInt.of(partitions);
  }

  /** Topic-level configs, to which a deployment adds {@code min.insync.replicas} when it replicates. */
  public Map<String, String> configs() {
    return configs;
  }

  /**
   * The topic as a service creates it when it is missing: this layout's configs, plus {@code min.insync.replicas}
   * when the deployment replicates. Every service builds its topics here, so they look the same whoever came first.
   *
   * @param deploymentPartitions the deployment's count, for every topic whose layout does not fix its own
   */
  NewTopic newTopic(String name, int deploymentPartitions, short replicationFactor, int minInsyncReplicas) {
    Map<String, String> topicConfigs = new HashMap<>(configs);
    if (minInsyncReplicas > 1) {
      topicConfigs.put("min.insync.replicas", String.valueOf(minInsyncReplicas));
    }
    int count = partitions == DEPLOYMENT_PARTITIONS ? deploymentPartitions : partitions;
    return new NewTopic(name, count, replicationFactor).configs(topicConfigs);
  }
}
