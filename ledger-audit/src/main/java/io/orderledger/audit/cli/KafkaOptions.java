package io.orderledger.audit.cli;

import io.orderledger.audit.kafka.Cluster;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the cluster is: every command's first options. */
public final class KafkaOptions {

  @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT",
      description = "Kafka to read (default: the local stack's, ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--connect-timeout", defaultValue = "15s", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long to try to reach Kafka before giving up (default ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  Cluster connect() {
    return Cluster.connect(bootstrapServers, connectTimeout);
  }
}
