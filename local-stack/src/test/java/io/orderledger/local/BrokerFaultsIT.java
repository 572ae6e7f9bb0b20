package io.orderledger.local;

import static io.orderledger.local.StackChecks.assertConverged;
import static io.orderledger.local.StackChecks.changes;
import static io.orderledger.local.StackChecks.awaitPollerCaughtUp;
import static io.orderledger.local.StackChecks.awaitPollerHealth;
import static io.orderledger.local.StackChecks.pollerHealth;
import static io.orderledger.testing.net.FreePorts.freePort;
import static io.orderledger.local.StackChecks.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.local.StackChecks.Converged;
import io.orderledger.testing.seed.TestSeeds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Broker faults on a real cluster of processes (three KRaft brokers and three controllers, replication factor 3,
 * {@code min.insync.replicas=2}: {@link KafkaProcessCluster}), while the whole stack runs against it as separate
 * processes: the poller ingesting, the ledger folding, the API serving. The broker leading the most partitions is
 * SIGKILLed and started again (its log recovered: no clean-shutdown marker), then the active controller; then two brokers at
 * once, so that no partition has enough in-sync replicas: producers must block, the poller's health must go DOWN,
 * and nothing may be acknowledged and lost. Then they come back. Then broker 1's disk fills up, and broker 0 is slowed. At the end every upstream change is in {@code order-events} exactly once, the API shows exactly
 * the simulator's orders and wallets, and {@code ledger-audit verify} finds the views, journal and decisions equal to
 * the ledger's rules re-folded from the log.
 */
class BrokerFaultsIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theStackLosesNothingWhileBrokersFail() throws Exception {
    // Broker 1's log directory is a small tmpfs of its own, to be filled to the last byte; mounting it needs root (CI
    // runs as root): elsewhere that phase is left out, and the test says so.
    boolean root = "root".equals(System.getProperty("user.name"));
    try (KafkaProcessCluster cluster = KafkaProcessCluster.start(Files.createTempDirectory("broker-faults-cluster"),
        root ? Set.of(1) : Set.of())) {
      Path data = Files.createTempDirectory("broker-faults-it");
      // The poller watches orders for 90 s (the upstream settles them within 6 s of its own clock): the upstream is
      // held still while Kafka is broken, and its orders must not leave the poller's window meanwhile. It steps at most
      // once a second, and each step only once the poller has written the one before (LockstepUpstream): no change is
      // overwritten unseen, however slow the machine.
      LocalStack.Options options = new LocalStack.Options(Path.of("..").toAbsolutePath().normalize(), data, cluster.bootstrapServers(),
          freePort(), 0, freePort(), freePort(), freePort(), 1_000, 2,
          TestSeeds.seed("BrokerFaultsIT", "broker.faults.seed", 11), 6_000, Duration.ofSeconds(90), false);
      Map<String, List<String>> clusterArgs = KafkaProcessCluster.serviceArgs();
      List<String> faults = new ArrayList<>();
      try (LocalStack stack = LocalStack.start(options, System.getProperty("java.class.path"), clusterArgs);
           LockstepUpstream upstream = LockstepUpstream.start(stack, Duration.ofSeconds(1))) {
        stack.awaitOrdersVisible(Duration.ofSeconds(180));
        int changesBeforeUp = changes(stack);

        // One broker at a time: the cluster keeps two in-sync replicas, every write is acknowledged by two. While
        // leaders and the transaction coordinators move (a few seconds at each stop and start), the upstream is held
        // still: a poller sees what a source shows when it asks, and a change overwritten before it could ask is one
        // no poller could have seen. Kafka's side keeps moving: the poller's in-flight writes and the ledger's fold.
        // First the broker that leads the most partitions, then the active controller (the leader of the quorum).
        for (String victim : new String[] {"leaders", "controller"}) {
          upstream.awaitMoreChanges(100);
          if (victim.equals("controller")) {
            cluster.awaitWholeQuorum(Duration.ofSeconds(60)); // three voters following: the two left are a majority
          }
          int node = victim.equals("controller") ? cluster.activeController() : cluster.leaderOfMostPartitions();
          long killed = System.nanoTime();
          long[] moved = {0};
          int[] newLeader = {-1};
          holdUpstreamAround(stack, upstream, () -> {
            cluster.kill(node);
            if (KafkaProcessCluster.isController(node)) {
              // The two controllers left are a majority: they elect another leader of the quorum.
              newLeader[0] = cluster.awaitControllerOtherThan(node, Duration.ofSeconds(60));
            } else {
              // Until the controller fences the dead broker, the partitions it led take no writes: the upstream waits.
              cluster.awaitLeadershipMovedFrom(node, Duration.ofSeconds(60));
            }
            moved[0] = System.nanoTime();
          });
          upstream.awaitMoreChanges(100);
          awaitPollerHealth(stack, 200, Duration.ofSeconds(30)); // two replicas in sync: healthy
          long restarted = System.nanoTime();
          holdUpstreamAround(stack, upstream, () -> {
            cluster.restart(node);
            cluster.awaitFullyReplicated(Duration.ofSeconds(120));
          });
          faults.add(String.format("%s SIGKILLed%s, down %.0f s under load, restarted (log recovered) and back in every ISR %.1f s later",
              victim.equals("controller") ? "the active controller (node " + node + ")" : "broker " + node + ", leader of the most partitions,",
              victim.equals("controller")
                  ? String.format(" (node %d leading the quorum %.1f s after the kill)", newLeader[0], (moved[0] - killed) / 1e9)
                  : String.format(" (its leaderships moved %.1f s after the kill)", (moved[0] - killed) / 1e9),
              (restarted - killed) / 1e9, (System.nanoTime() - restarted) / 1e9));
        }

        // Two at once: one replica left, fewer than min.insync.replicas. The upstream is held still around the outage,
        // with a few changes made inside it that the poller sees and cannot write.
        upstream.hold(); // the poller has written what it saw before the brokers go
        long outage = System.nanoTime();
        cluster.kill(0);
        cluster.kill(2);
        // One step, so that no order changes twice while the poller cannot write: a poller sees what a source shows
        // when it asks, and its blocked write is what carries these changes once the brokers are back.
        upstream.stepWhileHeld();
        long healthDown = awaitPollerHealth(stack, 503, Duration.ofSeconds(60));
        // The ledger and the query service say so too, with the reason, and the API goes on answering from its stores,
        // telling the data's age.
        Readiness ledgerDown = awaitReadiness("ledger", ledgerReadiness(stack), 503, Duration.ofSeconds(60));
        Readiness queryDown = awaitReadiness("query", stack.managementUrl() + "/actuator/health/readiness", 503, Duration.ofSeconds(60));
        // Either reason is the truth: with two brokers SIGKILLed, the probe's Admin call may time out on a dead node
        // before it learns the ISRs (seen in a fresh-clone run: "cannot reach Kafka: no answer in 5000 ms").
        assertThat(ledgerDown.body()).containsAnyOf("in-sync replica", "cannot reach Kafka");
        assertThat(queryDown.body()).containsAnyOf("in-sync replica", "cannot reach Kafka");
        HttpResponse<String> stale = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/api/v1/wallet"))
            .header("X-API-KEY", LocalStack.DEMO_KEYS.get(0)[1]).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(200);
        assertThat(stale.headers().firstValue("X-Data-Age")).isPresent();
        // The outage lasts 10 s from health DOWN, producers blocked; meanwhile the API is sampled: every answer 200.
        long outageAt = System.nanoTime();
        ApiSample duringOutage = sampleApi(stack, Duration.ofMillis(Math.max(1_000, 10_000 - (outageAt - healthDown) / 1_000_000)));
        long back = System.nanoTime();
        cluster.restart(0);
        cluster.restart(2);
        long healthUp = awaitPollerHealth(stack, 200, Duration.ofSeconds(120));
        Readiness ledgerUp = awaitReadiness("ledger", ledgerReadiness(stack), 200, Duration.ofSeconds(120));
        Readiness queryUp = awaitReadiness("query", stack.managementUrl() + "/actuator/health/readiness", 200, Duration.ofSeconds(120));
        cluster.awaitFullyReplicated(Duration.ofSeconds(180));
        upstream.release();
        faults.add(String.format("brokers 0 and 2 SIGKILLed together for %.0f s (poller health DOWN %.1f s into it, UP again %.1f s after"
            + " they were started; ledger readiness DOWN %.1f s into it, UP %.1f s after; query readiness DOWN %.1f s, UP %.1f s after,"
            + " the API answering meanwhile with X-Data-Age %s s, %d requests all 200, p99 %d ms; ledger's reason: %s)", (back - outage) / 1e9,
            (healthDown - outage) / 1e9, (healthUp - back) / 1e9, (ledgerDown.at() - outage) / 1e9, (ledgerUp.at() - back) / 1e9,
            (queryDown.at() - outage) / 1e9, (queryUp.at() - back) / 1e9, stale.headers().firstValue("X-Data-Age").orElse("?"),
            duringOutage.requests(), duringOutage.p99(), reason(ledgerDown.body())));
        upstream.awaitMoreChanges(100);

        // A full disk: broker 1's log directory filled to the last byte while the stack runs. Its next write fails,
        // Kafka takes the directory offline (the metadata log is there too, so the broker halts); the other two carry
        // on. Then the space is freed, the broker restarted, and it recovers and catches up.
        if (root) {
          long[] filled = {0, 0, 0};
          holdUpstreamAround(stack, upstream, () -> {
            filled[0] = System.nanoTime();
            filled[1] = cluster.fillDisk(1);
            // One step: changes the poller sees and writes while broker 1 fails under them.
            upstream.stepWhileHeld();
            cluster.awaitLeadershipMovedFrom(1, Duration.ofSeconds(90));
            filled[2] = System.nanoTime();
          });
          boolean halted = !cluster.isAlive(1);
          upstream.awaitMoreChanges(100);
          awaitPollerHealth(stack, 200, Duration.ofSeconds(30)); // two replicas in sync: healthy
          long freed = System.nanoTime();
          holdUpstreamAround(stack, upstream, () -> {
            cluster.freeDisk(1);
            cluster.restart(1);
            cluster.awaitFullyReplicated(Duration.ofSeconds(120));
          });
          faults.add(String.format("broker 1's disk (a %s tmpfs) filled to the last byte under load (%,d MB written to fill it): out of"
                  + " every ISR %.1f s later, the broker %s; the space freed and the broker restarted, back in every ISR %.1f s later",
              KafkaProcessCluster.SMALL_DISK, filled[1] >> 20, (filled[2] - filled[0]) / 1e9,
              halted ? "halted (its metadata log's directory failed)" : "still running with its log directory offline",
              (System.nanoTime() - freed) / 1e9));
        } else {
          faults.add("the full-disk phase left out: mounting a tmpfs needs root, and this runs as " + System.getProperty("user.name"));
        }

        // A slow broker: every byte to and from broker 0's listener delayed 50 ms each way for 20 s, under load. The
        // API answers from its stores; what the delay costs shows in how far behind they fall (X-Data-Age). The upstream
        // goes on in lockstep with the poller: through the slow broker a NetConnect cycle (its scan, a single-order call
        // per new order, its transaction) takes longer than a second, and the upstream slows with it.
        ApiSample fast = sampleApi(stack, Duration.ofSeconds(10));
        cluster.slowDown(50);
        int changesBeforeSlow = changes(stack);
        ApiSample slow;
        try {
          slow = sampleApi(stack, Duration.ofSeconds(20));
        } finally {
          cluster.slowDown(0);
        }
        assertThat(pollerHealth(stack)).as("the poller through a slow broker").isEqualTo(200);
        faults.add(String.format("broker %d slowed (50 ms each way on its listener) for 20 s under load (%d upstream changes meanwhile):"
                + " %d API requests, all 200, p50 %d ms, p99 %d ms, the data at most %d s old (before it, %d requests: p50 %d ms, p99 %d ms,"
                + " at most %d s old)", KafkaProcessCluster.SLOWABLE, changes(stack) - changesBeforeSlow, slow.requests(), slow.p50(),
            slow.p99(), slow.maxAge(), fast.requests(), fast.p50(), fast.p99(), fast.maxAge()));
        upstream.awaitMoreChanges(50);

        // Then the upstream settles, and everything must be exactly what it did.
        Converged converged = assertConverged(stack, cluster, changesBeforeUp);
        System.out.printf("[broker-faults] three broker processes and three controller processes, RF 3, min.insync.replicas 2: %s; %s%n",
            String.join("; ", faults), converged.summary());
      }
    }
  }

  private interface Fault {
    void inject() throws Exception;
  }

  /** Holds the upstream (the poller has written what it saw), injects the fault, lets the cluster settle, releases it. */
  private void holdUpstreamAround(LocalStack stack, LockstepUpstream upstream, Fault fault) throws Exception {
    upstream.hold();
    fault.inject();
    // Leaders and transaction coordinators have moved once every source has completed cycles again.
    awaitPollerCaughtUp(stack);
    awaitPollerHealth(stack, 200, Duration.ofSeconds(60));
    upstream.release();
  }

  private record ApiSample(int requests, long p50, long p99, long maxAge) {
  }

  /** Lists partner-a's orders as one client would, every 50 ms for the duration: latency and X-Data-Age; every answer 200. */
  private ApiSample sampleApi(LocalStack stack, Duration duration) {
    List<Long> millis = new ArrayList<>();
    long[] maxAge = {0};
    long end = System.nanoTime() + duration.toNanos();
    // One request every 50 ms (Awaitility paces it) until the window is over.
    Awaitility.await("the sampling window").atMost(duration.plusSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          long start = System.nanoTime();
          HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/api/v1/orders?limit=20"))
              .header("X-API-KEY", LocalStack.DEMO_KEYS.get(0)[1]).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
          millis.add((System.nanoTime() - start) / 1_000_000);
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
          maxAge[0] = Math.max(maxAge[0], answer.headers().firstValue("X-Data-Age").map(Long::parseLong).orElse(0L));
          return System.nanoTime() >= end;
        });
    millis.sort(null);
    return new ApiSample(millis.size(), millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.99) - 1), maxAge[0]);
  }

  private record Readiness(long at, String body) {
  }

  private static String ledgerReadiness(LocalStack stack) {
    return "http://127.0.0.1:" + stack.ledgerPort() + "/actuator/health/readiness";
  }

  /** Waits for a readiness endpoint to answer {@code status}; returns when (System.nanoTime) and what it said. */
  private Readiness awaitReadiness(String service, String url, int status, Duration atMost) {
    String[] body = new String[1];
    Awaitility.await(service + " readiness " + status).atMost(atMost).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .until(() -> {
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
          body[0] = response.body();
          return response.statusCode() == status;
        });
    return new Readiness(System.nanoTime(), body[0]);
  }

  private static String reason(String health) {
    java.util.regex.Matcher reason = java.util.regex.Pattern.compile("\"reason\":\"([^\"]*)\"").matcher(health);
    return reason.find() ? reason.group(1) : "(none)";
  }
}
