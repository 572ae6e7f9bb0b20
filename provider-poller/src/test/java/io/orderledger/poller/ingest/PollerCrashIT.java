package io.orderledger.poller.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.codec.EventSerdes;
import io.orderledger.poller.SimulatedSources;
import io.orderledger.poller.app.PollerApplication;
import io.orderledger.poller.checkpoint.Checkpoint;
import io.orderledger.poller.checkpoint.CheckpointStore;
import io.orderledger.poller.detect.EventIds;
import io.orderledger.simulator.server.Faults;
import io.orderledger.simulator.server.ProviderSimulator;
import io.orderledger.simulator.world.ListOrder;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimSource;
import io.orderledger.simulator.world.WorldSettings;
import io.orderledger.testing.kafka.CommittedRecords;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.kafka.KafkaBrokerExtension;
import io.orderledger.testing.process.ChildJvm;
import io.orderledger.testing.seed.TestSeeds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly-once ingestion, tested by force: the poller runs as its own JVM, reading one source of each simulated API,
 * and is killed with SIGKILL again and again while upstream orders go through their lifecycles (changes inside a
 * state included), once with every source listing newest first and once oldest first. The world moves in steps and
 * each order changes at most once per step; the test steps only once the poller has caught up, so every change the
 * simulator made was observable. At the end {@code order-events} (read_committed) must hold exactly those changes,
 * each once and in order, and every committed checkpoint must be covered by committed events.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PollerCrashIT {

  /**
   * Over both listing orders; {@code mvn verify -Psoak} runs 20 kills over 100,000 orders in each. Every step places
   * the same 1,000 orders whatever the total, so a kill lands in the same kind of moment; the total sets how many
   * steps run between kills (two here).
   */
  private static final int KILLS = Integer.getInteger("poller.crash.kills", 6);
  private static final int ORDERS = Integer.getInteger("poller.crash.orders", 12_000);
  private static final int PER_STEP = 250;
  private static final EventSerdes SERDES = EventSerdes.shipped();

  @ParameterizedTest(name = "sources listing {0}")
  @EnumSource(ListOrder.class)
  void survivesRepeatedKillsWithEveryUpstreamChangeExactlyOnce(ListOrder listOrder, KafkaBroker kafka) throws Exception {
    String run = "pcrash-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    kafka.createTopics(6, run + "order-events", run + "order-events-rejected");
    kafka.createTopics(3, Map.of("cleanup.policy", "compact", "max.message.bytes", "16777216"), run + "poller-checkpoints");
    List<SimSource> sources = SimulatedSources.oneOfEach(listOrder);
    // Half the kills and half the orders in each listing order.
    int kills = KILLS / 2;
    int steps = ORDERS / 2 / (PER_STEP * sources.size());
    ProviderWorld world = ProviderWorld.stepped(new WorldSettings(2026, PER_STEP, 1_000, 4_000), 1_780_000_000_000L, sources);
    Random random = new Random(TestSeeds.seed("PollerCrashIT " + listOrder, "poller.crash.seed", 7));
    Path log = Path.of("target", "crash-logs", run + "poller.log");
    List<Long> eventsAtKill = new ArrayList<>();

    try (ProviderSimulator simulator = ProviderSimulator.start(world, new Faults(1), 0);
         IngestTracker ingested = new IngestTracker(kafka.bootstrapServers(), run + "order-events")) {
      ChildJvm poller = startPoller(kafka, run, simulator, sources, log);
      int killEvery = Math.max(1, steps / (kills + 1));
      for (int step = 1; step <= steps; step++) {
        world.step();
        if (step % killEvery == 0 && eventsAtKill.size() < kills) {
          Thread.sleep(random.nextInt(250)); // not a wait: a random kill moment, in a scan, a commit, or between them
          assertThat(poller.isAlive()).as("poller alive before kill; log:%n%s", poller.tail(40)).isTrue();
          poller.kill();
          eventsAtKill.add(ingested.events());
          poller = startPoller(kafka, run, simulator, sources, log);
          assertCheckpointsCoveredByEvents(kafka, run, sources, ingested);
        }
        awaitIngested(world, ingested, poller);
      }
      poller.stop(Duration.ofSeconds(20));
      ingested.catchUp();

      assertThat(ingested.repeats()).as("events repeating an event id").isZero();
      assertThat(ingested.differencesFrom(world, sources)).as("orders whose events differ from the changes made upstream").isEmpty();
      assertThat(ingested.events()).as("events in order-events").isEqualTo(world.changeCount());
      assertCheckpointsCoveredByEvents(kafka, run, sources, ingested);
      assertThat(CommittedRecords.readAll(kafka, run + "order-events-rejected", Serdes.ByteArray().deserializer(),
          SERDES.rejectedEvent().deserializer())).as("no rejects from a well-behaved upstream").isEmpty();
      assertThat(eventsAtKill).as("kills").hasSize(kills);

      long orders = world.read(view -> sources.stream().mapToLong(s -> view.orders(s.id()).size()).sum());
      long inState = world.changes().stream().filter(c -> !c.what().contains("created") && !c.what().contains("state")).count();
      System.out.printf("[poller-crash] listing %s: %d SIGKILLs over %d upstream orders (%d steps, %d API shapes); %d changes made upstream"
              + " (%d of them inside a state), %d events committed, each exactly once and in order, none missing; events at each kill: %s%n",
          listOrder, kills, orders, steps, sources.size(), world.changeCount(), inState, ingested.events(), eventsAtKill);
    }
  }

  /** Waits until every change the simulator made so far is in order-events: the next step may then be taken. */
  static void awaitIngested(ProviderWorld world, IngestTracker ingested, ChildJvm poller) {
    int expected = world.changeCount();
    String what = expected + " changes ingested";
    if (poller != null) {
      poller.awaitWhileAlive(what, Duration.ofSeconds(120), () -> ingested.events() >= expected);
    } else {
      Awaitility.await(what).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
          .until(() -> ingested.events() >= expected);
    }
  }

  /** Every change a committed checkpoint says was recorded is in the committed events: the checkpoint is never ahead. */
  static void assertCheckpointsCoveredByEvents(KafkaBroker kafka, String run, List<SimSource> sources, IngestTracker ingested) {
    CheckpointStore store = new CheckpointStore(Map.of("bootstrap.servers", kafka.bootstrapServers()), run + "poller-checkpoints");
    List<Checkpoint> checkpoints = sources.stream().map(s -> store.read(s.id())).toList();
    ingested.catchUp();
    for (Checkpoint checkpoint : checkpoints) {
      List<String> ahead = checkpoint.known().entrySet().stream()
          .filter(seen -> seen.getValue().revision() > 0)
          .map(seen -> EventIds.of(checkpoint.sourceId(), seen.getKey(), seen.getValue().revision(), seen.getValue().recordSha()))
          .filter(eventId -> !ingested.hasEvent(eventId))
          .toList();
      assertThat(ahead).as("changes in the checkpoint of %s that are not in the committed events", checkpoint.sourceId()).isEmpty();
    }
  }

  static ChildJvm startPoller(KafkaBroker kafka, String run, ProviderSimulator simulator, List<SimSource> sources, Path log) {
    List<String> args = new ArrayList<>(List.of(
        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--poller.transactional-id-prefix=" + run + "poller",
        "--poller.interval=20ms",
        "--poller.topics.create=false",
        "--poller.topics.order-events=" + run + "order-events",
        "--poller.topics.rejected=" + run + "order-events-rejected",
        "--poller.topics.checkpoints=" + run + "poller-checkpoints",
        // No web server: this test reads order-events, not the poller's health endpoint.
        "--spring.main.web-application-type=none"));
    int i = 0;
    for (SimSource source : sources) {
      String prefix = "--poller.sources[" + i++ + "].";
      args.addAll(List.of(prefix + "id=" + source.id(), prefix + "shape=" + source.shape().name(),
          prefix + "base-url=" + simulator.baseUrl(source.id()), prefix + "partner-id=" + source.partnerId(),
          prefix + "api-key=" + source.apiKey(), prefix + "api-secret=" + source.apiSecret(),
          prefix + "page-size=" + (source.shape().name().equals("netconnect") || source.shape().name().equals("gift_card") ? 100 : 500),
          prefix + "settle-window=5s"));
    }
    return ChildJvm.start("poller", PollerApplication.class.getName(), List.of("-Xmx384m"), args, log);
  }
}
