package io.orderledger.testing.kafka;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** The official apache/kafka image under Testcontainers, used where a Docker engine runs. */
final class ContainerKafkaBroker implements KafkaBroker, AutoCloseable {

  private final KafkaContainer container;

  private ContainerKafkaBroker(KafkaContainer container) {
    this.container = container;
  }

  static ContainerKafkaBroker start(String kafkaVersion) {
    KafkaContainer container = new KafkaContainer(DockerImageName.parse("apache/kafka:" + kafkaVersion))
        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
        .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    container.start();
    return new ContainerKafkaBroker(container);
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public String description() {
    return "Testcontainers " + container.getDockerImageName() + " at " + bootstrapServers();
  }

  @Override
  public void close() {
    container.stop();
  }
}
