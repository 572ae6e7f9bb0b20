package io.orderledger.audit.cli;

import io.orderledger.audit.CannotRun;
import io.orderledger.audit.kafka.Cluster;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Where the cluster is: every command's first options. */
public final class KafkaOptions {

  @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT",
      description = "Kafka to read (default: the local stack's, ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--connect-timeout", defaultValue = "15s", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long to try to reach Kafka before giving up (default ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(names = "--command-config", paramLabel = "FILE",
      description = "Kafka client properties for a secured cluster, as Kafka's own tools take them (security.protocol, sasl.*, ssl.*):"
          + " applied to every client this command makes. Keep the file readable by its owner only.")
  Path commandConfig;

  Cluster connect() {
    return Cluster.connect(bootstrapServers, connectTimeout, clientProperties());
  }

  /** The --command-config file's properties, or none. */
  Map<String, Object> clientProperties() {
    if (commandConfig == null) {
      return Map.of();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(commandConfig)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new CannotRun("cannot read --command-config " + commandConfig + ": " + e.getMessage());
    }
    Map<String, Object> map = new HashMap<>();
    properties.forEach((k, v) -> map.put(String.valueOf(k), String.valueOf(v)));
    return map;
  }
}
