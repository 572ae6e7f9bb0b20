package io.orderledger.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft, broker and controller combined) as its own process, from Kafka's own
 * Maven Central jars. Listens on loopback only; keeps its log under {@code dataDir}, formatted once, so a restart
 * resumes where the last run stopped.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);

  private final Process process;
  private final String bootstrapServers;
  private final Path logFile;

  private LocalKafkaBroker(Process process, String bootstrapServers, Path logFile) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
    this.logFile = logFile;
  }

  /**
   * @param dataDir where the broker keeps its log and configuration (created if missing)
   * @param port the client port on 127.0.0.1; the controller listens on {@code port + 1}
   * @param classpath the broker's classpath (kafka_2.13 and a log4j2 binding)
   */
  public static LocalKafkaBroker start(Path dataDir, int port, String classpath, String heap) {
    try {
      Files.createDirectories(dataDir);
      Path config = writeConfig(dataDir, port);
      Path log4j = writeLog4jConfig(dataDir);
      Path logFile = dataDir.resolve("broker.log");
      if (!Files.exists(dataDir.resolve("kafka-logs").resolve("meta.properties"))) {
        format(config, log4j, classpath, logFile);
      }
      List<String> command = java(classpath, log4j, heap);
      command.addAll(LocalStack.flightRecording("kafka-broker"));
      command.add("kafka.Kafka");
      command.add(config.toString());
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
      LocalKafkaBroker broker = new LocalKafkaBroker(process, "127.0.0.1:" + port, logFile);
      broker.awaitReady(Duration.ofSeconds(90));
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local Kafka broker in " + dataDir, e);
    }
  }

  /** Reads the broker classpath that the local-stack build wrote, from a file. */
  public static String classpathFrom(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("no broker classpath at " + file + ": build local-stack first (mvn -pl local-stack package)", e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public long pid() {
    return process.pid();
  }

  /** The broker's process, for the stack's supervisor. */
  Process process() {
    return process;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Kafka broker exited during startup; see " + logFile);
      }
      try (Admin admin = Admin.create(config)) {
        admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
        log.info("Kafka broker ready at {} (pid {})", bootstrapServers, process.pid());
        return;
      } catch (Exception notYet) {
        sleep(300);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("the Kafka broker did not become ready in " + timeout + "; see " + logFile);
  }

  /** Stops the broker cleanly (SIGTERM: it flushes and closes its log), killing it only if it hangs. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static void format(Path config, Path log4j, String classpath, Path logFile) throws IOException {
    format(config, log4j, classpath, logFile, Uuid.randomUuid().toString());
  }

  /** Formats a log directory for the cluster {@code clusterId}: every node of one cluster is formatted with the same. */
  static void format(Path config, Path log4j, String classpath, Path logFile, String clusterId) throws IOException {
    List<String> command = java(classpath, log4j, "256m");
    command.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()));
    Process format = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    try {
      if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
        throw new IllegalStateException("formatting the Kafka log directory failed; see " + logFile);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting the Kafka log directory", e);
    }
  }

  static List<String> java(String classpath, Path log4j, String heap) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms" + heap);
    command.add("-Xmx" + heap);
    command.add("-Dlog4j2.configurationFile=" + log4j.toUri());
    command.add("-cp");
    command.add(classpath);
    return command;
  }

  private static Path writeConfig(Path dataDir, int port) throws IOException {
    int controllerPort = port + 1;
    String properties = String.join("\n",
        "# Written by LocalKafkaBroker: one KRaft node on loopback, broker and controller combined.",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dataDir.resolve("kafka-logs").toAbsolutePath(),
        "# One node: every internal topic has one replica.",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "num.partitions=12",
        "# Topics are created on purpose, with their intended configs.",
        "auto.create.topics.enable=false",
        "");
    Path file = dataDir.resolve("server.properties");
    Files.writeString(file, properties, StandardCharsets.UTF_8);
    return file;
  }

  static Path writeLog4jConfig(Path dataDir) throws IOException {
    String config = String.join("\n",
        "Configuration:",
        "  status: warn",
        "  Appenders:",
        "    Console:",
        "      name: stdout",
        "      PatternLayout:",
        "        pattern: \"[%d] %p %m (%c)%n\"",
        "  Loggers:",
        "    Root:",
        "      level: info",
        "      AppenderRef:",
        "        ref: stdout",
        "    Logger:",
        "      - name: kafka.log",
        "        level: warn",
        "      - name: org.apache.kafka.storage",
        "        level: warn",
        "");
    Path file = dataDir.resolve("log4j2.yaml");
    Files.writeString(file, config, StandardCharsets.UTF_8);
    return file;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
