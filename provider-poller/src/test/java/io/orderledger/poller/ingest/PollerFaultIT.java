package io.orderledger.poller.ingest;

import io.orderledger.poller.sources.SupportedSource;
import io.orderledger.poller.sources.SupportedSources;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.RejectReason;
import io.orderledger.events.RejectedEvent;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.poller.SimulatedSources;
import io.orderledger.poller.source.RedactionRules;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.http.ResilienceSettings;
import io.orderledger.poller.http.UpstreamFailure;
import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.simulator.server.Faults;
import io.orderledger.simulator.server.ProviderSimulator;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimSource;
import io.orderledger.simulator.sources.SimulatedApis;
import io.orderledger.simulator.world.WorldSettings;
import io.orderledger.testing.kafka.CommittedRecords;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.kafka.KafkaBrokerExtension;
import io.orderledger.testing.seed.TestSeeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hostile upstream: 10% 500s, 5% 429s with {@code Retry-After}, 2% malformed pages, plus duplicated and reordered
 * pages, on every simulated API and their single-order endpoints. Every valid change must still be ingested exactly
 * once, and every malformed page the simulator served must be in the rejects topic with its reason, redacted: the
 * simulated customers' emails appear in no record of any topic.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PollerFaultIT {

  private static final byte[] REDACTION_KEY = "poller-fault-it-redaction-key-32b".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @Test
  void everyValidChangeOnceAndEveryMalformedPageRejected(KafkaBroker kafka) throws Exception {
    String run = "pfault-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    kafka.createTopics(3, run + "order-events", run + "order-events-rejected");
    kafka.createTopics(1, Map.of("cleanup.policy", "compact"), run + "poller-checkpoints");
    List<SimSource> sources = SimulatedSources.ONE_OF_EACH;
    long seed = TestSeeds.seed("PollerFaultIT", "poller.faults.seed", 99);
    ProviderWorld world = ProviderWorld.stepped(WorldSettings.stepped(seed, 60), 1_780_000_000_000L, sources);
    Map<UpstreamFailure.Kind, AtomicLong> failures = new EnumMap<>(UpstreamFailure.Kind.class);
    for (UpstreamFailure.Kind kind : UpstreamFailure.Kind.values()) {
      failures.put(kind, new AtomicLong());
    }
    Set<String> retryAfterSeen = ConcurrentHashMap.newKeySet();

    try (ProviderSimulator simulator = ProviderSimulator.start(world, new Faults(seed + 1), 0);
         IngestTracker ingested = new IngestTracker(kafka.bootstrapServers(), run + "order-events")) {
      // 1% of answers are 429 with Retry-After: 1, each honoured with a whole second's wait (at 5% that wait was most of
      // this test's time); every source still meets dozens of them, and the test checks that each saw one.
      simulator.faults().set(new Faults.Rates(0.01, 0.10, 0, 0.02, 0.02, 0.05, 1, 0));
      List<SourcePoller> pollers = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (SimSource source : sources) {
        // The demo's redaction: the gift-card buyer's email dropped, the Paystack customer's hashed. Malformed pages are
        // cut in the middle and hold those emails too: no byte of one may reach any topic.
        SourceConfig config = SimulatedSources.config(simulator, source, 20, Duration.ofSeconds(7)).withRedaction(new RedactionRules(
            source.shape() == SimulatedApis.GIFT_CARD ? List.of("email") : List.of(),
            source.shape() == SimulatedApis.PAYSTACK ? List.of("customer.email") : List.of(), REDACTION_KEY));
        UpstreamHttp http = new UpstreamHttp(source.id(), ResilienceSettings.defaults(), failure -> {
          failures.get(failure.kind()).incrementAndGet();
          if (failure.retryAfterMillis() >= 0) {
            retryAfterSeen.add(source.id());
          }
        });
        PollerTopics topics = PollerTopics.of(run + "order-events", run + "order-events-rejected", run + "poller-checkpoints",
            EventSerdes.shipped());
        SupportedSource api = SupportedSources.of(config);
        SourcePoller poller = new SourcePoller(config, api.paging(config, http), api.mapper(config),
            () -> new KafkaCycleWriter(Map.of("bootstrap.servers", kafka.bootstrapServers()), run + "poller-" + source.id(), topics, config),
            PollerMetrics.NONE, Duration.ofMillis(20), System::currentTimeMillis);
        pollers.add(poller);
        Thread thread = new Thread(poller);
        threads.add(thread);
        thread.start();
      }
      for (int step = 0; step < 8; step++) {
        world.step();
        PollerCrashIT.awaitIngested(world, ingested, null);
      }
      pollers.forEach(SourcePoller::stop);
      for (Thread thread : threads) {
        thread.join(30_000);
      }
      ingested.catchUp();

      assertThat(ingested.repeats()).isZero();
      assertThat(ingested.differencesFrom(world, sources)).as("orders whose events differ from the changes made upstream").isEmpty();
      assertThat(ingested.events()).isEqualTo(world.changeCount());
      List<ConsumerRecord<byte[], RejectedEvent>> rejects = CommittedRecords.readAll(kafka, run + "order-events-rejected",
          Serdes.ByteArray().deserializer(), EventSerdes.shipped().rejectedEvent().deserializer());
      long malformedServed = 0;
      for (SimSource source : sources) {
        long served = simulator.faults().served(source.id(), "malformed-page");
        malformedServed += served;
        assertThat(rejects.stream().filter(r -> r.value().getRejectedBy().equals("provider-poller/" + source.id())
                && r.value().getReason() == RejectReason.UPSTREAM_MALFORMED_PAYLOAD && r.value().getPayload().remaining() > 0))
            .as("malformed pages of %s in the rejects topic", source.id()).hasSize((int) served);
      }
      assertThat(malformedServed).as("the fault mix served malformed pages").isPositive();
      long scanned = 0;
      for (String topic : List.of(run + "order-events", run + "order-events-rejected", run + "poller-checkpoints")) {
        for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.readAll(kafka, topic, Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer())) {
          scanned++;
          assertThat(text(record.key()) + text(record.value())).as("%s at %d", topic, record.offset()).doesNotContain("@example.com");
          record.headers().forEach(header -> assertThat(text(header.value())).as("header %s", header.key()).doesNotContain("@example.com"));
        }
      }
      assertThat(failures.get(UpstreamFailure.Kind.SERVER_ERROR).get()).isPositive();
      assertThat(failures.get(UpstreamFailure.Kind.TOO_MANY_REQUESTS).get()).isPositive();
      assertThat(retryAfterSeen).as("sources that were told Retry-After").containsExactlyInAnyOrderElementsOf(
          sources.stream().map(SimSource::id).toList());
      System.out.printf("[poller-faults] %d changes ingested exactly once through %s; %d malformed pages, all rejected (redacted);"
              + " no email in any of %d records of the three topics; faults served: %s%n", ingested.events(), failures, malformedServed,
          scanned, simulator.faults().served());
    }
  }
}
