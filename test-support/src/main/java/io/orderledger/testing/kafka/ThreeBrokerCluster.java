package io.orderledger.testing.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A production-shaped cluster in this JVM for fault tests: three KRaft brokers (ids 0, 1, 2) and a separate
 * controller, so that stopping brokers never costs the metadata quorum; replication factor 3 and
 * {@code min.insync.replicas=2} for every topic, the internal ones included. Brokers can be stopped and started
 * again one by one, on the same log directories.
 */
public final class ThreeBrokerCluster implements KafkaBroker, AutoCloseable {

  public static final int MIN_INSYNC_REPLICAS = 2;
  private final KafkaClusterTestKit cluster;

  private ThreeBrokerCluster(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  public static ThreeBrokerCluster start() throws Exception {
    TestKitNodes nodes = new TestKitNodes.Builder()
        .setCombined(false)
        .setNumBrokerNodes(3)
        .setNumControllerNodes(1)
        .build();
    KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
        .setConfigProp("default.replication.factor", "3")
        .setConfigProp("min.insync.replicas", String.valueOf(MIN_INSYNC_REPLICAS))
        .setConfigProp("offsets.topic.replication.factor", "3")
        .setConfigProp("offsets.topic.num.partitions", "5")
        .setConfigProp("transaction.state.log.replication.factor", "3")
        .setConfigProp("transaction.state.log.min.isr", String.valueOf(MIN_INSYNC_REPLICAS))
        .setConfigProp("transaction.state.log.num.partitions", "5")
        .setConfigProp("share.coordinator.state.topic.replication.factor", "3")
        .setConfigProp("share.coordinator.state.topic.min.isr", String.valueOf(MIN_INSYNC_REPLICAS))
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .setConfigProp("auto.create.topics.enable", "false")
        // A replica that fell behind (its broker was stopped) is out of the ISR soon, as in a tuned cluster.
        .setConfigProp("replica.lag.time.max.ms", "5000")
        .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return new ThreeBrokerCluster(cluster);
  }

  @Override
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public String description() {
    return "three in-JVM KRaft brokers and a controller (KafkaClusterTestKit) at " + bootstrapServers();
  }

  /** Stops one broker as a crash would look to clients: its connections close and its partitions lose a replica. */
  public void stopBroker(int id) {
    cluster.brokers().get(id).shutdown();
    cluster.brokers().get(id).awaitShutdown();
  }

  /** Starts a stopped broker again on its log directory; it catches up and rejoins the ISRs. */
  public void startBroker(int id) {
    cluster.brokers().get(id).startup();
  }

  /** Waits until every partition of every topic has all three replicas in sync again. */
  public void awaitFullyReplicated(Duration atMost) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      org.awaitility.Awaitility.await("every partition with 3 in-sync replicas").atMost(atMost).pollInterval(Duration.ofMillis(250))
          .until(() -> underReplicated(topics(admin)).isEmpty());
    }
  }

  private static Map<String, TopicDescription> topics(Admin admin) throws Exception {
    Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
    return admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
  }

  private static String underReplicated(Map<String, TopicDescription> topics) {
    StringBuilder out = new StringBuilder();
    topics.values().forEach(t -> {
      for (TopicPartitionInfo p : t.partitions()) {
        if (p.isr().size() < 3) {
          out.append(t.name()).append('-').append(p.partition()).append(" isr ").append(p.isr()).append("; ");
        }
      }
    });
    return out.toString();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
