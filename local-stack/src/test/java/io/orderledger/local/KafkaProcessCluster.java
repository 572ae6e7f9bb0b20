package io.orderledger.local;

import static io.orderledger.testing.net.FreePorts.freePort;

import io.orderledger.testing.kafka.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A production-shaped Kafka cluster of separate processes, from Kafka's own jars: three KRaft brokers (node ids 0, 1,
 * 2) and a quorum of three KRaft controllers (nodes 3, 4, 5), replication factor 3 and {@code min.insync.replicas=2}
 * for every topic, the internal ones included. Any node can be SIGKILLed, as a crash or the kernel's OOM killer would,
 * and started again on its log directory: it finds no clean-shutdown marker and recovers its log before it serves.
 * Killing the active controller leaves a quorum of two, which elects another.
 */
final class KafkaProcessCluster implements KafkaBroker, AutoCloseable {

  static final int BROKERS = 3;
  /** The KRaft controller quorum: nodes 3, 4 and 5, one of them the active controller (the quorum's leader). */
  static final int CONTROLLERS = 3;
  static final int NODES = BROKERS + CONTROLLERS;
  static final int MIN_INSYNC_REPLICAS = 2;
  static final String SMALL_DISK = "256m";
  /** The broker behind a {@link DelayingProxy}: its clients and the other brokers reach it through the proxy. */
  static final int SLOWABLE = 0;

  private final Path dir;
  private final String classpath;
  private final Map<Integer, Integer> clientPorts = new TreeMap<>();
  private final Map<Integer, Integer> controllerPorts = new TreeMap<>();
  private final Map<Integer, Process> processes = new HashMap<>();
  private final Set<Integer> smallDisks;
  private final int slowableListener;
  private final DelayingProxy proxy;
  /** A network namespace per node, or null: every node on the host's loopback. */
  private final NodeNetworks networks;

  private KafkaProcessCluster(Path dir, String classpath, Set<Integer> smallDisks, NodeNetworks networks) throws IOException {
    this.smallDisks = smallDisks;
    this.dir = dir;
    this.classpath = classpath;
    this.networks = networks;
    if (networks == null) {
      for (int node = 0; node < BROKERS; node++) {
        clientPorts.put(node, freePort());
      }
      for (int node = BROKERS; node < NODES; node++) {
        controllerPorts.put(node, freePort());
      }
      this.slowableListener = freePort();
      this.proxy = new DelayingProxy(clientPorts.get(SLOWABLE), slowableListener);
    } else {
      // Each node has an address of its own: the standard ports.
      for (int node = 0; node < BROKERS; node++) {
        clientPorts.put(node, 9092);
      }
      for (int node = BROKERS; node < NODES; node++) {
        controllerPorts.put(node, 9093);
      }
      this.slowableListener = -1;
      this.proxy = null;
    }
  }

  private String host(int node) {
    return networks == null ? "127.0.0.1" : NodeNetworks.address(node);
  }

  /**
   * Delays every byte to and from broker {@link #SLOWABLE}'s listener by this much each way (0 for none): the clients'
   * requests to it and the other brokers' fetches from it. Its own fetches from the other leaders are not delayed.
   */
  void slowDown(long millisEachWay) {
    if (proxy == null) {
      throw new IllegalStateException("a cluster on network namespaces has no delaying proxy");
    }
    proxy.delay(millisEachWay);
  }

  /**
   * The same cluster with every node in a network namespace of its own ({@link NodeNetworks}), so that one can be cut
   * off from the others ({@link #isolate}) while the host's clients still reach it. Needs root.
   */
  static KafkaProcessCluster startPartitionable(Path dir) throws Exception {
    NodeNetworks networks = NodeNetworks.create(NODES);
    KafkaProcessCluster cluster;
    try {
      cluster = new KafkaProcessCluster(dir, LocalKafkaBroker.classpathFrom(Path.of("target", "kafka-broker.classpath")), Set.of(), networks);
    } catch (Exception e) {
      networks.close();
      throw e;
    }
    return start(cluster); // closes the networks too if it fails
  }

  /**
   * Cuts the node off from the other brokers and the controller, both ways, packets dropped silently; the stack's
   * services and the test (on the host) still reach it. Only on a {@link #startPartitionable} cluster.
   */
  void isolate(int node) throws IOException, InterruptedException {
    if (networks == null) {
      throw new IllegalStateException("a cluster on loopback cannot be partitioned");
    }
    networks.isolate(node);
  }

  /** Ends every partition. */
  void heal() throws IOException, InterruptedException {
    networks.heal();
  }

  static KafkaProcessCluster start(Path dir) throws Exception {
    return start(dir, Set.of());
  }

  /**
   * @param smallDisks brokers whose log directory is a tmpfs of {@link #SMALL_DISK} of its own (mounting it needs root),
   *     so that a test can fill it to the last byte ({@link #fillDisk})
   */
  static KafkaProcessCluster start(Path dir, Set<Integer> smallDisks) throws Exception {
    return start(new KafkaProcessCluster(dir, LocalKafkaBroker.classpathFrom(Path.of("target", "kafka-broker.classpath")), smallDisks,
        null));
  }

  private static KafkaProcessCluster start(KafkaProcessCluster cluster) throws Exception {
    try {
      return startNodes(cluster);
    } catch (Exception | Error e) {
      cluster.close(); // nothing left running: a broker process would hold its network namespace, and its ports
      throw e;
    }
  }

  private static KafkaProcessCluster startNodes(KafkaProcessCluster cluster) throws Exception {
    Set<Integer> smallDisks = cluster.smallDisks;
    for (int node : smallDisks) {
      Files.createDirectories(cluster.disk(node));
      NodeNetworks.run("mount", "-t", "tmpfs", "-o", "size=" + SMALL_DISK, "tmpfs", cluster.disk(node).toString());
    }
    String clusterId = Uuid.randomUuid().toString();
    for (int node = 0; node < NODES; node++) {
      Path config = cluster.writeConfig(node);
      LocalKafkaBroker.format(config, cluster.log4j(node), cluster.classpath, cluster.logFile(node), clusterId);
    }
    for (int node = 0; node < NODES; node++) {
      cluster.launch(node);
    }
    cluster.awaitBrokers(Set.of(0, 1, 2), Duration.ofSeconds(120));
    cluster.awaitWholeQuorum(Duration.ofSeconds(60));
    return cluster;
  }

  /**
   * What the stack's services are told on this cluster: topics with replication factor 3 and {@code
   * min.insync.replicas=2} (the streams' internal ones too), and readiness DOWN after 5 s without possible progress
   * (30 s by default), looked at every second.
   */
  static Map<String, List<String>> serviceArgs() {
    List<String> replicated = List.of("topics.replication-factor=3", "topics.min-insync-replicas=" + MIN_INSYNC_REPLICAS);
    List<String> health = List.of("health.stall-after=5s", "health.sample-every=1s");
    return Map.of(
        "poller", replicated.stream().map(a -> "--poller." + a).toList(),
        "ledger", streamsArgs("ledger", replicated, health),
        "query", streamsArgs("query", replicated, health));
  }

  private static List<String> streamsArgs(String service, List<String> replicated, List<String> health) {
    List<String> args = new ArrayList<>();
    replicated.forEach(a -> args.add("--" + service + "." + a));
    health.forEach(a -> args.add("--" + service + "." + a));
    args.add("--spring.kafka.streams.replication-factor=3");
    return args;
  }

  @Override
  public String bootstrapServers() {
    return clientPorts.entrySet().stream().map(node -> host(node.getKey()) + ":" + node.getValue()).collect(Collectors.joining(","));
  }

  @Override
  public String description() {
    return "three KRaft broker processes and three controller processes" + (networks == null ? "" : ", each in a network namespace,")
        + " at " + bootstrapServers();
  }

  long pid(int node) {
    Process process = processes.get(node);
    return process != null && process.isAlive() ? process.pid() : -1;
  }

  /** SIGKILLs a node: no shutdown hook runs, no log is flushed or closed, its clients see their connections drop. */
  void kill(int node) throws InterruptedException {
    Process process = processes.remove(node);
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("node " + node + " did not die of SIGKILL");
    }
    Path marker = logDir(node).resolve(".kafka_cleanshutdown");
    if (Files.exists(marker)) {
      throw new IllegalStateException("node " + node + " left a clean-shutdown marker though it was killed");
    }
  }

  /**
   * Waits until no partition names the broker as its leader or in its ISR: the controller has fenced it (it stopped
   * heartbeating: {@code broker.session.timeout.ms}) and moved its leaderships. Until then the partitions it led take
   * no writes: that is what a SIGKILL costs, where an orderly shutdown hands its leaderships over first.
   */
  void awaitLeadershipMovedFrom(int node, Duration atMost) {
    // A new Admin for each look, bootstrapped from the other brokers: a broker cut off from the cluster (but not from
    // this client) answers metadata requests with what it last knew, that it leads, and a long-lived Admin kept
    // asking it (a run waited 90 s on such answers after the controllers had fenced it).
    String others = clientPorts.entrySet().stream().filter(b -> b.getKey() != node).map(b -> host(b.getKey()) + ":" + b.getValue())
        .collect(Collectors.joining(","));
    Awaitility.await("partitions led by broker " + node + " moved").atMost(atMost).pollInterval(Duration.ofMillis(300))
        .ignoreExceptions().until(() -> {
          try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, others,
              AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            return topics(admin).values().stream().flatMap(t -> t.partitions().stream())
                .noneMatch(p -> p.leader() == null || p.leader().id() == node || p.isr().stream().anyMatch(r -> r.id() == node));
          }
        });
  }

  /**
   * Fills a small disk to its last byte with a file beside the log directory; returns the bytes written. The broker's
   * next write there fails: Kafka takes the log directory offline, and since its metadata log is there too, it halts.
   */
  long fillDisk(int node) throws IOException {
    if (!smallDisks.contains(node)) {
      throw new IllegalArgumentException("broker " + node + " has no small disk of its own");
    }
    byte[] chunk = new byte[1 << 20];
    long written = 0;
    try (var out = Files.newOutputStream(filler(node))) {
      while (true) {
        int size = Files.getFileStore(disk(node)).getUsableSpace() >= chunk.length ? chunk.length : 4096;
        out.write(chunk, 0, size);
        out.flush();
        written += size;
      }
    } catch (IOException full) {
      if (Files.getFileStore(disk(node)).getUsableSpace() > 64 * 1024) {
        throw full; // not the disk being full
      }
    }
    return written;
  }

  /** Frees what {@link #fillDisk} took. */
  void freeDisk(int node) throws IOException {
    Files.deleteIfExists(filler(node));
  }

  boolean isAlive(int node) {
    return pid(node) > 0;
  }

  /** Starts a stopped or killed node again on its log directory (one still running is stopped first, with SIGTERM). */
  void restart(int node) throws IOException, InterruptedException {
    Process running = processes.remove(node);
    if (running != null && running.isAlive()) {
      running.destroy();
      stop(running);
    }
    launch(node);
    if (!isController(node)) {
      awaitBrokers(Set.of(node), Duration.ofSeconds(120));
    }
  }

  static boolean isController(int node) {
    return node >= BROKERS;
  }

  /** The active controller: the leader of the KRaft quorum, as the brokers see it. */
  int activeController() throws Exception {
    try (Admin admin = admin()) {
      return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
    }
  }

  /** Waits until the quorum has a leader other than {@code node}; returns it. */
  int awaitControllerOtherThan(int node, Duration atMost) {
    int[] leader = {-1};
    String[] last = {"no answer yet"};
    try (Admin admin = admin()) {
      Awaitility.await().alias("a controller other than " + node + " leads the quorum").atMost(atMost).pollInterval(Duration.ofMillis(100))
          .ignoreExceptions().until(() -> {
            QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS);
            last[0] = describe(quorum);
            return (leader[0] = quorum.leaderId()) >= 0 && leader[0] != node;
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no controller other than " + node + " leads the quorum after " + atMost + "; last seen: " + last[0]
          + "; the controllers' logs: " + controllerLogs(), e);
    }
    return leader[0];
  }

  /**
   * Waits until every controller runs and follows the quorum's leader closely (caught up within the last 5 s, as the
   * leader sees it): a quorum of three that can lose any one voter. A controller that failed to start (its port taken,
   * in a fresh-clone run) leaves a quorum of two that looks healthy until its leader dies.
   */
  void awaitWholeQuorum(Duration atMost) {
    String[] last = {"no answer yet"};
    try (Admin admin = admin()) {
      Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
        QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS);
        last[0] = describe(quorum);
        long now = System.currentTimeMillis();
        return quorum.leaderId() >= 0 && quorum.voters().size() == CONTROLLERS && quorum.voters().stream()
            .allMatch(v -> v.lastCaughtUpTimestamp().isPresent() && now - v.lastCaughtUpTimestamp().getAsLong() < 5_000);
      });
    } catch (ConditionTimeoutException e) {
      List<Integer> exited = new ArrayList<>();
      for (int node = BROKERS; node < NODES; node++) {
        if (!isAlive(node)) {
          exited.add(node);
        }
      }
      throw new AssertionError("the quorum of " + CONTROLLERS + " controllers is not whole after " + atMost + "; controllers exited: "
          + exited + "; last seen: " + last[0] + "; the controllers' logs: " + controllerLogs(), e);
    }
  }

  private static String describe(QuorumInfo quorum) {
    long now = System.currentTimeMillis();
    return "leader " + quorum.leaderId() + " (epoch " + quorum.leaderEpoch() + "), voters " + quorum.voters().stream()
        .map(v -> v.replicaId() + " at offset " + v.logEndOffset() + (v.lastCaughtUpTimestamp().isPresent()
            ? ", caught up " + (now - v.lastCaughtUpTimestamp().getAsLong()) + " ms ago" : ", never caught up"))
        .collect(Collectors.joining("; "));
  }

  private String controllerLogs() {
    List<String> logs = new ArrayList<>();
    for (int node = BROKERS; node < NODES; node++) {
      logs.add(logFile(node).toString());
    }
    return String.join(", ", logs);
  }

  /** The broker that leads the most partitions of the application's topics and the internal ones. */
  int leaderOfMostPartitions() throws Exception {
    try (Admin admin = admin()) {
      Map<Integer, Integer> led = new HashMap<>();
      for (TopicDescription topic : topics(admin).values()) {
        for (TopicPartitionInfo partition : topic.partitions()) {
          if (partition.leader() != null) {
            led.merge(partition.leader().id(), 1, Integer::sum);
          }
        }
      }
      return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
  }

  /** Waits until every partition of every topic has all three replicas in sync again. */
  void awaitFullyReplicated(Duration atMost) {
    try (Admin admin = admin()) {
      String[] last = {""};
      Awaitility.await("every partition with 3 in-sync replicas").atMost(atMost).pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .until(() -> (last[0] = underReplicated(topics(admin))).isEmpty());
    }
  }

  @Override
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
  }

  private static Map<String, TopicDescription> topics(Admin admin) throws Exception {
    Set<String> names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
        .names().get(10, TimeUnit.SECONDS);
    return admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
  }

  private static String underReplicated(Map<String, TopicDescription> topics) {
    StringBuilder out = new StringBuilder();
    topics.values().forEach(t -> {
      for (TopicPartitionInfo p : t.partitions()) {
        if (p.isr().size() < BROKERS) {
          out.append(t.name()).append('-').append(p.partition()).append(" isr ").append(p.isr()).append("; ");
        }
      }
    });
    return out.toString();
  }

  private void awaitBrokers(Set<Integer> nodes, Duration atMost) {
    try (Admin admin = admin()) {
      Awaitility.await("brokers " + nodes + " in the cluster").atMost(atMost).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
          .until(() -> {
            for (int node : nodes) {
              Process process = processes.get(node);
              if (process == null || !process.isAlive()) {
                throw new IllegalStateException("node " + node + " exited; see " + logFile(node));
              }
            }
            Collection<Node> listed = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return listed.stream().map(Node::id).collect(Collectors.toSet()).containsAll(nodes);
          });
    }
  }

  private void launch(int node) throws IOException {
    List<String> command = new ArrayList<>(networks == null ? List.of() : networks.inside(node));
    command.addAll(LocalKafkaBroker.java(classpath, log4j(node), isController(node) ? "256m" : "384m"));
    command.add("kafka.Kafka");
    command.add(nodeDir(node).resolve("server.properties").toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(node).toFile())).start();
    processes.put(node, process);
  }

  private Path writeConfig(int node) throws IOException {
    Files.createDirectories(nodeDir(node));
    List<String> lines = new ArrayList<>(List.of(
        "# Written by KafkaProcessCluster: node " + node + " of three brokers and three controllers"
            + (networks == null ? " on loopback." : ", each in a network namespace."),
        "node.id=" + node,
        "controller.quorum.voters=" + controllerPorts.entrySet().stream().map(c -> c.getKey() + "@" + host(c.getKey()) + ":" + c.getValue())
            .collect(Collectors.joining(",")),
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + logDir(node).toAbsolutePath()));
    if (isController(node)) {
      lines.addAll(List.of("process.roles=controller", "listeners=CONTROLLER://" + host(node) + ":" + controllerPorts.get(node)));
    } else {
      lines.addAll(List.of(
          "process.roles=broker",
          "listeners=PLAINTEXT://" + host(node) + ":" + (node == SLOWABLE && proxy != null ? slowableListener : clientPorts.get(node)),
          "advertised.listeners=PLAINTEXT://" + host(node) + ":" + clientPorts.get(node),
          "inter.broker.listener.name=PLAINTEXT"));
    }
    lines.addAll(List.of(
        "default.replication.factor=3",
        "min.insync.replicas=" + MIN_INSYNC_REPLICAS,
        "offsets.topic.replication.factor=3",
        "offsets.topic.num.partitions=5",
        "transaction.state.log.replication.factor=3",
        "transaction.state.log.min.isr=" + MIN_INSYNC_REPLICAS,
        "transaction.state.log.num.partitions=5",
        "share.coordinator.state.topic.replication.factor=3",
        "share.coordinator.state.topic.min.isr=" + MIN_INSYNC_REPLICAS,
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=false",
        "# A replica that fell behind (its broker was killed) is out of the ISR soon, as in a tuned cluster.",
        "replica.lag.time.max.ms=5000",
        "# A killed broker's registration is fenced after this long without heartbeats (the default is 9 s).",
        "broker.session.timeout.ms=6000",
        ""));
    Path file = nodeDir(node).resolve("server.properties");
    Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
    return file;
  }

  private Path nodeDir(int node) {
    return dir.resolve(isController(node) ? "controller-" + node : "broker-" + node);
  }

  /** Where a node's log directory lives: its own tmpfs for a small disk. */
  private Path disk(int node) {
    return nodeDir(node).resolve("disk");
  }

  private Path logDir(int node) {
    return disk(node).resolve("kafka-logs");
  }

  private Path filler(int node) {
    return disk(node).resolve("filler");
  }

  private Path logFile(int node) {
    return nodeDir(node).resolve("node.log");
  }

  private Path log4j(int node) {
    try {
      return LocalKafkaBroker.writeLog4jConfig(nodeDir(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }


  /** Stops every node (SIGTERM; SIGKILL if one hangs): the brokers, then the controller their shutdown reports to. */
  @Override
  public void close() throws InterruptedException, IOException {
    if (proxy != null) {
      proxy.close();
    }
    List<Process> brokers = processes.entrySet().stream().filter(e -> !isController(e.getKey())).map(Map.Entry::getValue).toList();
    brokers.forEach(Process::destroy);
    for (Process process : brokers) {
      stop(process);
    }
    List<Process> controllers = processes.entrySet().stream().filter(e -> isController(e.getKey())).map(Map.Entry::getValue).toList();
    controllers.forEach(Process::destroy);
    for (Process process : controllers) {
      stop(process);
    }
    for (int node : smallDisks) {
      try {
        NodeNetworks.run("umount", disk(node).toString());
      } catch (IOException | IllegalStateException e) {
        System.err.println("could not unmount " + disk(node) + ": " + e.getMessage());
      }
    }
    if (networks != null) {
      networks.close();
    }
  }

  private static void stop(Process process) throws InterruptedException {
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
