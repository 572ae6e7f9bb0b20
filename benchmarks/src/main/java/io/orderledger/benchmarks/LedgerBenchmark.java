package io.orderledger.benchmarks;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.MovementKind;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.RejectReason;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.ledger.topology.LedgerMetrics;
import io.orderledger.ledger.topology.LedgerStores;
import io.orderledger.ledger.seal.LedgerSeal;
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
 * Ledger throughput with exactly_once_v2, against two Kafka Streams folds of the same input measured in the same run
 * on the same broker: the <b>bare fold</b> (one store get and put of the record under its partner key, one output
 * record) and the <b>same-I/O fold</b> ({@link SameIoFold}: the ledger's own reads, writes and output records per
 * input, measured from its warm-up round, without decoding or rules). Every round starts from empty outputs and state:
 * each app has its own application id (stores and changelogs) and its own output topics; the ledger's round prints
 * the records and bytes it wrote per topic. The first round warms the JVM up and is not counted.
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
    String input = LedgerTopicNames.defaults().orderEvents();

    try (BenchmarkKafka kafka = BenchmarkKafka.start(Integer.getInteger("port", 19092))) {
      kafka.createTopics(partitions, input);
      long bytes = fill(kafka, input, events, partners, serdes);
      System.out.printf("input: %,d events, %d partners, %d partitions, %.0f bytes/event on average%n",
          events, partners, partitions, (double) bytes / events);

      List<double[]> results = new ArrayList<>();
      SameIoFold.Profile profile = null;
      for (int round = 1; round <= rounds; round++) {
        boolean counted = round > 1 || rounds == 1;
        String tag = counted ? "" : "warm-up, not counted: ";
        // Fresh outputs for every app of every round: nothing one round wrote is read or reused by the next.
        kafka.createTopics(partitions, "r" + round + "-bare-fold-out");
        AtomicLong bare = new AtomicLong();
        double baseline = kafka.measure("r" + round + "-bare-fold", BareFold.build(input, "r" + round + "-bare-fold-out", bare),
            input, partitions, events, bare::get, Map.of());
        double sameIo = Double.NaN;
        if (profile != null) {
          String prefix = "r" + round + "-same-io-";
          kafka.createTopics(partitions, profile.outputs().stream().map(o -> prefix + o.name()).toArray(String[]::new));
          AtomicLong folded = new AtomicLong();
          sameIo = kafka.measure("r" + round + "-same-io", SameIoFold.build(input, prefix, profile, folded), input, partitions, events,
              folded::get, Map.of());
        }
        LedgerTopicNames names = outputsOf("r" + round + "-", input);
        kafka.createTopics(partitions, names.orderViews(), names.walletJournal(), names.rejected(), names.walletDiscrepancies(),
            names.orderOwners(), names.decisions(), names.checkpoints());
        Counting counting = new Counting();
        String ledgerApp = "r" + round + "-ledger";
        double ledger = kafka.measure(ledgerApp,
            LedgerTopology.build(LedgerTopics.of(names, serdes), serdes, counting, LedgerSeal.ephemeral(),
                new LedgerTopology.StoreOptions(cacheOrders, true)),
            input, partitions, events, counting.processed::get, Map.of());
        List<BenchmarkKafka.TopicStats> written = written(kafka, names, ledgerApp);
        if (profile == null) {
          profile = profile(written, names, events);
        }
        if (counted) {
          results.add(new double[] {baseline, sameIo, ledger});
        }
        System.out.printf(tag + "round %d: bare fold %,.0f events/s, same-I/O fold %,.0f events/s, ledger %,.0f events/s; ratios: to the bare"
                + " fold %.2f, to the same-I/O fold %.2f (applied %,d, rejected %,d, movements %,d)%n",
            round, baseline, sameIo, ledger, ledger / baseline, ledger / sameIo, counting.applied.get(), counting.rejected.get(),
            counting.movements.get());
        System.out.printf("  the ledger wrote per input: %s%n", String.join(", ", written.stream()
            .map(t -> String.format("%s %.2f × %.0f B", t.topic().substring(t.topic().indexOf('-') + 1), (double) t.records() / events,
                t.perRecord(t.keyBytes() + t.valueBytes()))).toList()));
      }
      double baselineMedian = median(results, 0);
      double sameIoMedian = median(results, 1);
      double ledgerMedian = median(results, 2);
      System.out.printf("RESULT ledger-throughput events=%d partitions=%d bare-fold=%.0f/s same-io-fold=%.0f/s ledger=%.0f/s"
              + " ratio-bare=%.2f ratio-same-io=%.2f%n",
          events, partitions, baselineMedian, sameIoMedian, ledgerMedian, ledgerMedian / baselineMedian, ledgerMedian / sameIoMedian);
    }
  }

  private static LedgerTopicNames outputsOf(String prefix, String input) {
    return new LedgerTopicNames(input, LedgerTopicNames.defaults().orderViews(), LedgerTopicNames.defaults().walletJournal(),
        LedgerTopicNames.defaults().rejected(), LedgerTopicNames.defaults().walletDiscrepancies(), LedgerTopicNames.defaults().orderOwners(),
        LedgerTopicNames.defaults().decisions(), LedgerTopicNames.defaults().checkpoints()).outputsPrefixed(prefix);
  }

  /** Every topic the ledger's round wrote: its outputs and its stores' changelogs. */
  private static List<BenchmarkKafka.TopicStats> written(BenchmarkKafka kafka, LedgerTopicNames names, String app) throws Exception {
    // A set: the outputs' names can start with the application id too ("r1-ledger-decisions"), and a topic counted
    // twice would make the same-I/O fold write its records twice.
    java.util.Set<String> topics = new java.util.LinkedHashSet<>(List.of(names.orderViews(), names.walletJournal(), names.decisions(),
        names.orderOwners(), names.rejected(), names.walletDiscrepancies()));
    topics.addAll(kafka.topicsStartingWith(app + "-"));
    return topics.stream().map(kafka::stats).toList();
  }

  /** The ledger's I/O per input, from what its warm-up round wrote, for the same-I/O fold to repeat. */
  private static SameIoFold.Profile profile(List<BenchmarkKafka.TopicStats> written, LedgerTopicNames names, long events) {
    List<SameIoFold.Output> outputs = new ArrayList<>();
    int orderState = 0;
    double walletWrites = 0;
    int walletState = 0;
    for (BenchmarkKafka.TopicStats t : written) {
      if (t.topic().endsWith(LedgerStores.ORDERS + "-changelog")) {
        orderState = (int) Math.round(t.perRecord(t.valueBytes()));
      } else if (t.topic().endsWith(LedgerStores.WALLETS + "-changelog")) {
        walletWrites = (double) t.records() / events;
        walletState = (int) Math.round(t.perRecord(t.valueBytes()));
      } else if (!t.topic().endsWith("-changelog") && t.records() > 0) {
        outputs.add(new SameIoFold.Output(t.topic().substring(t.topic().indexOf('-') + 1), (double) t.records() / events,
            (int) Math.round(t.perRecord(t.keyBytes())), (int) Math.round(t.perRecord(t.valueBytes()))));
      }
    }
    return new SameIoFold.Profile(orderState, walletWrites, walletState, outputs);
  }

  private static double median(List<double[]> results, int column) {
    double[] values = results.stream().mapToDouble(r -> r[column]).sorted().toArray();
    return values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
  }

  static long fill(BenchmarkKafka kafka, String topic, long events, int partners, EventSerdes serdes) {
    long[] written = {0};
    return fill(kafka, topic, new OrderFlow(1234, partners, 20_000), flow -> written[0]++ < events, serdes);
  }

  /** Writes the flow's events to the topic, keyed by partner, while {@code more} says so; returns their bytes. */
  static long fill(BenchmarkKafka kafka, String topic, OrderFlow flow, java.util.function.Predicate<OrderFlow> more, EventSerdes serdes) {
    long bytes = 0;
    java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
      while (more.test(flow)) {
        OrderEvent event = flow.next();
        byte[] value = serdes.orderEvent().serialize(topic, event);
        bytes += value.length;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, event.getPartnerId().getBytes(StandardCharsets.UTF_8), value);
        // The order id as a header: the same-I/O fold keys its store by it without decoding the event.
        record.headers().add(SameIoFold.ORDER_ID_HEADER, SameIoFold.orderIdHeader(event.getOrderId()));
        producer.send(record, (metadata, e) -> failure.compareAndSet(null, e));
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
