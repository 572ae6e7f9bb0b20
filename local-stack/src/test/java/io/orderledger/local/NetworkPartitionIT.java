package io.orderledger.local;

import static io.orderledger.local.StackChecks.assertConverged;
import static io.orderledger.local.StackChecks.awaitPollerCaughtUp;
import static io.orderledger.local.StackChecks.awaitPollerHealth;
import static io.orderledger.local.StackChecks.changes;
import static io.orderledger.testing.net.FreePorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.orderledger.local.StackChecks.Converged;
import io.orderledger.testing.seed.TestSeeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A network partition on a real cluster of processes: three KRaft brokers and three controllers, each in a network
 * namespace of its own ({@link NodeNetworks}), replication factor 3, {@code min.insync.replicas=2}, the whole stack
 * running against it. The broker leading the most partitions is cut off from the other brokers and the controllers
 * (packets dropped silently, both ways) while every client, on the host, still reaches it: the partial partition
 * Jepsen's Kafka analyses found lost writes in. It holds past the broker session timeout (the controller fences it and
 * moves its leaderships) and the replica lag timeout (it leaves every ISR) while orders flow, its clients' requests to it
 * timing out and finding the new leaders; then it heals, and the broker truncates what it alone held and catches up.
 * Meanwhile a client reads the API: no failed request, no answer contradicting an earlier one. At the end every
 * upstream change is in {@code order-events} exactly once, the API shows exactly the simulator's orders and wallets,
 * and {@code ledger-audit verify} exits 0.
 */
class NetworkPartitionIT {

  @Test
  void aBrokerCutOffFromTheClusterButNotFromItsClientsLosesNothing() throws Exception {
    String unavailable = NodeNetworks.unavailableReason();
    assumeTrue(unavailable == null, () -> "the partition needs a network namespace per broker: " + unavailable);
    try (KafkaProcessCluster cluster = KafkaProcessCluster.startPartitionable(Files.createTempDirectory("partition-cluster"))) {
      Path data = Files.createTempDirectory("partition-it");
      // As in BrokerFaultsIT: the upstream in lockstep with the poller, held still while leaders move. But the poller
      // watches orders for 180 s, not 90: the upstream is held still until the poller writes again, which through a
      // partial partition takes a minute or more (its requests held by the cut-off leader until they time out, then
      // its transaction aborted by the coordinator); with 90 s, gift cards placed just before were delivered after
      // they had left the window (found by this test).
      LocalStack.Options options = new LocalStack.Options(Path.of("..").toAbsolutePath().normalize(), data, cluster.bootstrapServers(),
          freePort(), 0, freePort(), freePort(), freePort(), 1_000, 2,
          TestSeeds.seed("NetworkPartitionIT", "network.partition.seed", 17), 6_000, Duration.ofSeconds(180), false);
      Map<String, List<String>> clusterArgs = KafkaProcessCluster.serviceArgs();
      try (LocalStack stack = LocalStack.start(options, System.getProperty("java.class.path"), clusterArgs);
           LockstepUpstream upstream = LockstepUpstream.start(stack, Duration.ofSeconds(1))) {
        stack.awaitOrdersVisible(Duration.ofSeconds(180));
        int changesBeforeUp = changes(stack);
        upstream.awaitMoreChanges(100);

        try (ApiWatch watch = ApiWatch.start(stack, LocalStack.DEMO_KEYS.get(1)[1], Duration.ofMillis(200))) {
          int victim = cluster.leaderOfMostPartitions();
          // The upstream held still while the partition begins, but for one step the poller sees and must write
          // through it (a poller sees what a source shows when it asks; see BrokerFaultsIT).
          upstream.hold();
          long cut = System.nanoTime();
          cluster.isolate(victim);
          upstream.stepWhileHeld();
          // Fenced by the controllers after broker.session.timeout.ms (6 s) without a heartbeat: its leaderships moved
          // and it is out of every ISR. It is still running, and still reachable.
          cluster.awaitLeadershipMovedFrom(victim, Duration.ofSeconds(90));
          long moved = System.nanoTime();
          assertThat(cluster.isAlive(victim)).as("the partitioned broker is still running").isTrue();
          // How soon the poller writes again depends on when its clients stop asking the cut-off broker, which still
          // answers for itself: 33 s in one run, more than 90 s in another (2026-12-04, a fresh-clone run). The time
          // is measured and printed; what is asserted is that it comes back, and that nothing is lost.
          awaitPollerCaughtUp(stack, Duration.ofSeconds(240));
          awaitPollerHealth(stack, 200, Duration.ofSeconds(90));
          long writing = System.nanoTime();
          upstream.release();
          // Orders flow with the broker cut off.
          int changesBeforePartitioned = changes(stack);
          upstream.awaitMoreChanges(100);
          upstream.hold();
          int changesWhilePartitioned = changes(stack) - changesBeforePartitioned;
          long healed = System.nanoTime();
          double heldFor = (healed - cut) / 1e9;
          cluster.heal();
          cluster.awaitFullyReplicated(Duration.ofSeconds(180));
          long replicated3 = System.nanoTime();
          awaitPollerCaughtUp(stack);
          upstream.release();
          upstream.awaitMoreChanges(100);

          ApiWatch.Summary reads = watch.summary();
          assertThat(reads.failures()).as("API answers that failed while the broker was partitioned").isEmpty();
          assertThat(reads.contradictions()).as("API answers contradicting an earlier one").isEmpty();
          assertThat(reads.requests()).isGreaterThan(100);

          Converged converged = assertConverged(stack, cluster, changesBeforeUp);
          System.out.printf("[network-partition] three broker processes and three controller processes, each in a network namespace, RF 3,"
                  + " min.insync.replicas 2: broker %d (leader of the most partitions) cut off from the other brokers and the controllers,"
                  + " reachable by every client, for %.0f s under load: fenced and its leaderships moved %.1f s after the cut, the poller"
                  + " writing again %.1f s after it, %d upstream changes made while it lasted; healed, back in every ISR %.1f s later;"
                  + " reading the API throughout: %s; %s%n", victim, heldFor, (moved - cut) / 1e9, (writing - cut) / 1e9,
              changesWhilePartitioned, (replicated3 - healed) / 1e9, reads.line(), converged.summary());
        }
      }
    }
  }
}
