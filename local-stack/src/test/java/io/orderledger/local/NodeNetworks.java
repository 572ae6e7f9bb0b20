package io.orderledger.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network of its own for each Kafka node, so that one node can be cut off from the others while clients still reach
 * it: a Linux network namespace per node, joined to the host by a veth pair ({@code 10.213.N.2} inside, {@code
 * 10.213.N.1} on the host's side), the host forwarding between them as a switch would. A partition is a pair of
 * {@code ip rule ... blackhole} policy rules on the host per pair of nodes: forwarded packets between them are dropped
 * silently (their connections time out, as across a failed switch), while the host's own connections, which is where
 * the stack's services and the test's clients run, still reach every node.
 *
 * <p>Needs root and {@code ip} from iproute2 (CI runs as root); no kernel module beyond veth and network namespaces,
 * and no firewall (this machine's kernel has no netem, and iptables is not installed).
 */
final class NodeNetworks implements AutoCloseable {

  private static final String PREFIX = "10.213.";

  private final String tag;
  private final int nodes;
  private final String forwardingBefore;
  private final List<String[]> rules = new ArrayList<>();

  private NodeNetworks(String tag, int nodes, String forwardingBefore) {
    this.tag = tag;
    this.nodes = nodes;
    this.forwardingBefore = forwardingBefore;
  }

  /** Why namespaces cannot be made here, or null when they can. */
  static String unavailableReason() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "network namespaces need root, and this runs as " + System.getProperty("user.name");
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip")) && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
      return "iproute2's ip is not installed";
    }
    return null;
  }

  static NodeNetworks create(int nodes) throws IOException, InterruptedException {
    removeLeftovers();
    String forwarding = Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip();
    // Short: an interface name is at most 15 characters. The pid keeps two runs on one machine apart.
    NodeNetworks networks = new NodeNetworks("ol" + (ProcessHandle.current().pid() % 100_000), nodes, forwarding);
    try {
      for (int node = 0; node < nodes; node++) {
        String ns = networks.namespace(node);
        String host = networks.tag + "h" + node;
        String inside = networks.tag + "n" + node;
        run("ip", "netns", "add", ns);
        run("ip", "link", "add", host, "type", "veth", "peer", "name", inside);
        run("ip", "link", "set", inside, "netns", ns);
        run("ip", "addr", "add", PREFIX + node + ".1/24", "dev", host);
        run("ip", "link", "set", host, "up");
        run("ip", "netns", "exec", ns, "ip", "addr", "add", address(node) + "/24", "dev", inside);
        run("ip", "netns", "exec", ns, "ip", "link", "set", inside, "up");
        run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        run("ip", "netns", "exec", ns, "ip", "route", "add", "default", "via", PREFIX + node + ".1");
      }
      Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), "1");
      return networks;
    } catch (IOException | RuntimeException | InterruptedException e) {
      networks.close();
      throw e;
    }
  }

  /**
   * Deletes the host's end of any veth pair left in this range by an earlier run that could not clean up (a test JVM
   * killed, a process still holding its namespace): two routes to one node's subnet would send its packets to the dead
   * run's namespace (seen here: a broker that could not reach the controller).
   */
  private static void removeLeftovers() throws IOException, InterruptedException {
    Process listing = new ProcessBuilder("ip", "-o", "addr", "show", "to", PREFIX + "0.0/16").redirectErrorStream(true).start();
    String output = new String(listing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    listing.waitFor(30, TimeUnit.SECONDS);
    for (String line : output.split("\n")) {
      String[] fields = line.trim().split("\s+");
      if (fields.length > 1) {
        String link = fields[1].replaceAll("@.*", "");
        System.err.println("NodeNetworks: removing " + link + ", left over by an earlier run");
        run("ip", "link", "del", link);
      }
    }
  }

  /** The node's own address: where it listens, and what it advertises. */
  static String address(int node) {
    return PREFIX + node + ".2";
  }

  /** The command prefix that runs a process inside the node's namespace ({@code ip netns exec} execs it: same pid). */
  List<String> inside(int node) {
    return List.of("ip", "netns", "exec", namespace(node));
  }

  /** Cuts the node off from every other node, both ways; the host (the stack, the test) still reaches it. */
  void isolate(int node) throws IOException, InterruptedException {
    for (int other = 0; other < nodes; other++) {
      if (other != node) {
        addRule(address(node), address(other));
        addRule(address(other), address(node));
      }
    }
  }

  /** Removes every partition. */
  void heal() throws IOException, InterruptedException {
    for (String[] rule : List.copyOf(rules)) {
      run("ip", "rule", "del", "from", rule[0], "to", rule[1], "blackhole");
      rules.remove(rule);
    }
  }

  private void addRule(String from, String to) throws IOException, InterruptedException {
    run("ip", "rule", "add", "from", from, "to", to, "blackhole");
    rules.add(new String[] {from, to});
  }

  private String namespace(int node) {
    return tag + "-node" + node;
  }

  /** Removes the rules and the namespaces (their veth pairs go with them) and restores forwarding as it was. */
  @Override
  public void close() {
    try {
      heal();
    } catch (IOException | InterruptedException | RuntimeException e) {
      System.err.println("could not remove the partition rules: " + e.getMessage());
    }
    for (int node = 0; node < nodes; node++) {
      try {
        run("ip", "netns", "del", namespace(node));
      } catch (IOException | InterruptedException | RuntimeException e) {
        System.err.println("could not delete " + namespace(node) + ": " + e.getMessage());
      }
    }
    try {
      Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), forwardingBefore);
    } catch (IOException e) {
      System.err.println("could not restore ip_forward: " + e.getMessage());
    }
  }

  /** Runs a system command (ip, mount), failing with its output if it fails or takes more than 30 s. */
  static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
    }
  }
}
