package io.orderledger.testing.kafka;

import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The one broker of this test JVM, started on first use and stopped when the tests are done ({@link SharedBrokerStopper}),
 * or at the JVM's exit if they never finish.
 *
 * <p>Testcontainers' apache/kafka when a Docker engine answers, otherwise Kafka's in-JVM KRaft broker. Set
 * {@code -Dorderledger.test.kafka=in-jvm} (or {@code container}) to choose. Tests share it, so each test uses topic
 * names and group ids of its own.
 */
public final class SharedKafkaBroker {

  private static final Logger log = LoggerFactory.getLogger(SharedKafkaBroker.class);
  private static KafkaBroker broker;

  private SharedKafkaBroker() {
  }

  public static synchronized KafkaBroker get() {
    if (broker == null) {
      broker = start();
      Runtime.getRuntime().addShutdownHook(new Thread(SharedKafkaBroker::stop, "kafka-test-broker-shutdown"));
      // Printed, not only logged: the build output is the evidence of which real broker the tests used.
      System.out.println("[real-kafka] tests run against a real broker: " + broker.description());
      log.info("Kafka test broker: {}", broker.description());
    }
    return broker;
  }

  private static KafkaBroker start() {
    String choice = System.getProperty("orderledger.test.kafka", "auto");
    try {
      boolean useContainer = switch (choice) {
        case "container" -> true;
        case "in-jvm" -> false;
        default -> dockerAvailable();
      };
      return useContainer ? ContainerKafkaBroker.start(AppInfoParser.getVersion()) : InJvmKafkaBroker.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the Kafka test broker (" + choice + ")", e);
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Stops the broker if one was started ({@link SharedBrokerStopper}, when the tests are done); a later {@link #get}
   * starts another.
   */
  static synchronized void stop() {
    if (broker != null) {
      KafkaBroker started = broker;
      broker = null;
      close(started);
      log.info("Kafka test broker stopped: {}", started.description());
    }
  }

  private static void close(KafkaBroker started) {
    try {
      if (started instanceof AutoCloseable closeable) {
        closeable.close();
      }
    } catch (Exception e) {
      log.warn("Kafka test broker did not stop cleanly", e);
    }
  }
}
