package io.orderledger.benchmarks;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.MovementKind;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.RejectReason;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.ledger.topology.LedgerMetrics;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.ledger.topology.LedgerTopics;
import io.orderledger.ledger.topology.LedgerTopology;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Ledger throughput with exactly_once_v2, against a bare Kafka Streams fold of the same topic measured in the same
 * run on the same broker. The first round warms the JVM up and is not counted.
 * Run: {@code benchmarks/run.sh ledger [-Devents=1000000 -Dpartners=200 -Drounds=3]}.
 */
public final class LedgerBenchmark {

  public static void main(String[] args) throws Exception {
    long events = Long.getLong("events", 1_000_000);
    int partners = Integer.getInteger("partners", 200);
    int partitions = Integer.getInteger("partitions", 6);
    int rounds = Integer.getInteger("rounds", 3);
    boolean cacheOrders = Boolean.getBoolean("cacheOrders");
    EventSerdes serdes = EventSerdes.shipped();
    LedgerTopicNames names = LedgerTopicNames.defaults();

    try (BenchmarkKafka kafka = BenchmarkKafka.start(Integer.getInteger("port", 19092))) {
      kafka.createTopics(partitions, names.orderEvents(), names.orderViews(), names.walletJournal(), names.rejected(),
          names.walletDiscrepancies(), names.orderOwners(), names.decisions(), "bare-fold-out");
      long bytes = fill(kafka, names.orderEvents(), events, partners, serdes);
      System.out.printf("input: %,d events, %d partners, %d partitions, %.0f bytes/event on average%n",
          events, partners, partitions, (double) bytes / events);

      List<double[]> results = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        AtomicLong bare = new AtomicLong();
        double baseline = Boolean.getBoolean("skipBaseline") ? Double.NaN : kafka.measure("bare-fold-" + round, BareFold.build(names.orderEvents(), "bare-fold-out", bare),
            names.orderEvents(), partitions, events, bare::get, Map.of());
        Counting counting = new Counting();
        LedgerTopics topics = LedgerTopics.of(names, serdes);
        double ledger = kafka.measure("ledger-" + round,
            LedgerTopology.build(topics, serdes, counting, new LedgerTopology.StoreOptions(cacheOrders, true)),
            names.orderEvents(), partitions, events, counting.processed::get, Map.of());
        if (round > 1 || rounds == 1) {
          results.add(new double[] {baseline, ledger});
        }
        System.out.printf((round == 1 && rounds > 1 ? "warm-up, not counted: " : "") + "round %d: bare fold %,.0f events/s, ledger %,.0f events/s, ratio %.2f (applied %,d, rejected %,d, movements %,d)%n",
            round, baseline, ledger, ledger / baseline, counting.applied.get(), counting.rejected.get(), counting.movements.get());
      }
      double baselineMean = results.stream().mapToDouble(r -> r[0]).average().orElseThrow();
      double ledgerMean = results.stream().mapToDouble(r -> r[1]).average().orElseThrow();
      System.out.printf("RESULT ledger-throughput events=%d partitions=%d bare-fold=%.0f/s ledger=%.0f/s ratio=%.2f%n",
          events, partitions, baselineMean, ledgerMean, ledgerMean / baselineMean);
    }
  }

  static long fill(BenchmarkKafka kafka, String topic, long events, int partners, EventSerdes serdes) {
    OrderFlow flow = new OrderFlow(1234, partners, 20_000);
    long bytes = 0;
    java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < events; i++) {
        OrderEvent event = flow.next();
        byte[] value = serdes.orderEvent().serialize(topic, event);
        bytes += value.length;
        producer.send(new ProducerRecord<>(topic, event.getPartnerId().getBytes(StandardCharsets.UTF_8), value),
            (metadata, e) -> failure.compareAndSet(null, e));
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("filling the input topic failed", failure.get());
    }
    return bytes;
  }

  /** Counts every input the ledger finished with, whatever became of it: one decision each, or a reject if undecodable. */
  private static final class Counting implements LedgerMetrics {
    final AtomicLong processed = new AtomicLong();
    final AtomicLong applied = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong movements = new AtomicLong();

    @Override
    public void decided(DecisionKind kind) {
      if (kind == DecisionKind.APPLIED) {
        applied.incrementAndGet();
      }
      processed.incrementAndGet();
    }

    @Override
    public void rejected(RejectReason reason) {
      rejected.incrementAndGet();
      if (reason == RejectReason.UNDECODABLE) {
        processed.incrementAndGet(); // an input that never became an event has no decision
      }
    }

    @Override
    public void moved(MovementKind kind) {
      movements.incrementAndGet();
    }
  }
}
