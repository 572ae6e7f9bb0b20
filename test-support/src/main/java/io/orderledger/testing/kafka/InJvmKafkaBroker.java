package io.orderledger.testing.kafka;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A KRaft broker and controller in this JVM, from Kafka's own {@code kafka-test-common-runtime}: the same broker code
 * as a production cluster, listening on a loopback port, with its log on disk in a temporary folder.
 */
final class InJvmKafkaBroker implements KafkaBroker, AutoCloseable {

  private final KafkaClusterTestKit cluster;

  private InJvmKafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  static InJvmKafkaBroker start() throws Exception {
    TestKitNodes nodes = new TestKitNodes.Builder()
        .setCombined(true)
        .setNumBrokerNodes(1)
        .setNumControllerNodes(1)
        .build();
    return new InJvmKafkaBroker(startSingleNode(nodes, 5));
  }

  /**
   * Formats and starts a one-node cluster, configured as every single-broker test here needs it.
   *
   * @param internalPartitions partitions of the offsets and transaction-state topics
   */
  static KafkaClusterTestKit startSingleNode(TestKitNodes nodes, int internalPartitions) throws Exception {
    KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
        // A single broker: every internal topic must live with one replica.
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", String.valueOf(internalPartitions))
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("transaction.state.log.num.partitions", String.valueOf(internalPartitions))
        .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
        .setConfigProp("share.coordinator.state.topic.min.isr", "1")
        // Tests start and stop consumer groups constantly; waiting for late joiners only slows them down.
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        // Topics are created on purpose, with their partition counts, as in production.
        .setConfigProp("auto.create.topics.enable", "false")
        .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return cluster;
  }

  @Override
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public String description() {
    return "in-JVM KRaft broker (KafkaClusterTestKit, Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion()
        + ") at " + bootstrapServers();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
