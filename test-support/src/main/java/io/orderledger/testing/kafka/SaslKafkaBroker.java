package io.orderledger.testing.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A KRaft broker in this JVM whose client listener takes SASL_PLAINTEXT with the PLAIN mechanism only, from Kafka's
 * own test kit (which writes the broker's JAAS file): for testing a client against a secured cluster. A client
 * without {@link #clientProperties()} cannot even list its topics.
 */
public final class SaslKafkaBroker implements KafkaBroker, AutoCloseable {

  /** The test kit's admin user and password. */
  public static final String USER = "plain-admin";
  public static final String PASSWORD = "plain-admin-secret";

  private final KafkaClusterTestKit cluster;

  private SaslKafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  public static SaslKafkaBroker start() throws Exception {
    TestKitNodes nodes = new TestKitNodes.Builder()
        .setCombined(true)
        .setNumBrokerNodes(1)
        .setNumControllerNodes(1)
        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
        .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT) // else the broker, anonymous to its controller, is refused
        .build();
    return new SaslKafkaBroker(InJvmKafkaBroker.startSingleNode(nodes, 1));
  }

  /** What a client needs to talk to it, as a {@code --command-config} file would hold it. */
  public Map<String, Object> clientProperties() {
    return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER + "\" password=\"" + PASSWORD + "\";");
  }

  @Override
  public Admin admin() {
    Map<String, Object> config = new HashMap<>(clientProperties());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return Admin.create(config);
  }

  @Override
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public String description() {
    return "in-JVM KRaft broker with a SASL_PLAINTEXT (PLAIN) listener at " + bootstrapServers();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
