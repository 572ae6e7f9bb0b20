package io.orderledger.audit.verify.kafka;

import io.orderledger.audit.kafka.Cluster;
import io.orderledger.audit.kafka.TopicReader;
import io.orderledger.audit.verify.Audit;
import io.orderledger.events.seal.CheckpointSignature;
import io.orderledger.audit.verify.Coverage;
import io.orderledger.audit.verify.Findings;
import io.orderledger.audit.verify.Positions;
import io.orderledger.audit.verify.report.Progress;
import io.orderledger.events.LedgerCheckpoint;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.codec.EventDecodingException;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.events.topic.PartnerId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the ledger's input and everything it published from Kafka, and hands both to the {@link Audit}: the published
 * outputs first (decisions and rejections first of all: every output of one input is committed in one transaction, so an
 * input whose decision has been read has its outputs within what is read next), then the inputs the ledger has decided,
 * which the independent rules fold: the <em>verified point</em>. {@code --follow} repeats passes, each going on from the
 * last. Each pass also says how much of the log it covers and how long the oldest undecided input has waited.
 */
public final class Verifier implements AutoCloseable {

  /** One pass: inputs verified in it, how far behind the end of order-events the verified point is, and the coverage. */
  public record Pass(long verified, long behindRecords, long behindMillis, long longestWaitMillis, Coverage coverage) {
  }

  private final Cluster cluster;
  private final Audit.Topics topics;
  private final String partner;
  private final long until;
  private final Duration maxUndecidedAge;
  private final Progress progress;
  private final EventSerdes serdes = EventSerdes.shipped();
  private final SingleObjectCodec<OrderEvent> events = SingleObjectCodec.of(OrderEvent.class);
  private final SingleObjectCodec<LedgerCheckpoint> checkpoints = SingleObjectCodec.of(LedgerCheckpoint.class);
  private final Audit audit;
  private final Map<String, TopicReader> outputs = new java.util.LinkedHashMap<>();
  private final TopicReader eventReader;
  private final Lookup lookup;
  private final Map<TopicPartition, Long> beginning;
  private long lastVerifiedTimestamp = -1;
  /** Input records read in the partitions in scope, over all passes. */
  private long verifiedRecords;

  /**
   * @param partner verify this partner only, or null for all
   * @param until leave out inputs ingested after this time (a replay {@code --until}'s rebuild), or Long.MAX_VALUE
   * @param signatures checks checkpoint signatures, or null (then only their place in the chain is checked)
   */
  public Verifier(Cluster cluster, Audit.Topics topics, String partner, long until, Duration maxUndecidedAge, CheckpointSignature signatures,
                  Progress progress) {
    this.cluster = cluster;
    this.topics = topics;
    this.partner = partner;
    this.until = until;
    this.maxUndecidedAge = maxUndecidedAge;
    this.progress = progress;
    cluster.require(topics.events(), "the ledger's input");
    cluster.require(topics.decisions(), "the ledger's decisions");
    cluster.require(topics.journal(), "the wallet journal");
    cluster.require(topics.views(), "the order views");
    cluster.require(topics.rejects(), "the rejected inputs");
    this.eventReader = new TopicReader(cluster, topics.events());
    this.beginning = eventReader.positions();
    this.lookup = new Lookup(cluster, serdes);
    this.audit = new Audit(topics, partner, eventReader.partitions().size(), new Findings(), lookup, signatures);
    // Decisions and rejections first: they say which inputs the ledger has finished with.
    outputs.put(topics.decisions(), new TopicReader(cluster, topics.decisions()));
    outputs.put(topics.rejects(), new TopicReader(cluster, topics.rejects()));
    outputs.put(topics.journal(), new TopicReader(cluster, topics.journal()));
    outputs.put(topics.views(), new TopicReader(cluster, topics.views()));
    // Written since v5 and v4: a ledger that predates them has none, and they are left out rather than missed.
    for (String optional : new String[] {topics.discrepancies(), topics.owners(), topics.checkpoints()}) {
      if (cluster.has(optional)) {
        outputs.put(optional, new TopicReader(cluster, optional));
      }
    }
  }

  public Findings findings() {
    return audit.findings();
  }

  public Audit.Topics topics() {
    return topics;
  }

  public Audit.Checked checked() {
    return audit.checked();
  }

  public Audit audit() {
    return audit;
  }

  /** One pass from where the last one ended to the verified point now. */
  public Pass pass() {
    outputs.forEach((topic, reader) -> reader.readTo(reader.end(), record -> published(topic, record)));

    Map<TopicPartition, Long> logEnd = eventReader.end();
    Map<TopicPartition, Long> verifiedEnd = new HashMap<>();
    Map<TopicPartition, Long> start = eventReader.positions();
    long toRead = 0;
    int partitions = eventReader.partitions().size();
    for (TopicPartition partition : eventReader.partitions()) {
      if (partner != null && partition.partition() != PartnerId.partitionOf(partner, partitions)) {
        continue; // another partner's partition: nothing of this partner's is there
      }
      long end = Math.min(logEnd.get(partition), audit.decidedUpTo(partition.partition()) + 1);
      end = Math.max(end, start.get(partition));
      verifiedEnd.put(partition, end);
      toRead += end - start.get(partition);
    }
    progress.start("verify " + topics.events(), toRead);
    long[] longestWait = {0};
    long now = System.currentTimeMillis();
    long verified = eventReader.readTo(verifiedEnd, record -> {
      fold(record);
      longestWait[0] = Math.max(longestWait[0], now - record.timestamp());
      lastVerifiedTimestamp = Math.max(lastVerifiedTimestamp, record.timestamp());
      progress.step();
    });
    progress.finish();
    verifiedRecords += verified;

    Coverage coverage = coverage(logEnd, verifiedEnd);
    Map<Integer, Long> verifiedByPartition = new HashMap<>();
    java.util.Set<Integer> unsettled = new java.util.HashSet<>();
    verifiedEnd.forEach((partition, end) -> {
      verifiedByPartition.put(partition.partition(), end);
      if (logEnd.get(partition) > end && lookup.pending(partition, end, logEnd.get(partition), 1)[0] > 0) {
        unsettled.add(partition.partition());
      }
    });
    audit.endOfPass(verifiedByPartition, partition -> !unsettled.contains(partition));
    if (coverage.undecided() == 0 && outputs.containsKey(topics.owners())) {
      audit.compareOwners();
    }
    long behindMillis = coverage.undecided() == 0 || lastVerifiedTimestamp < 0 ? 0 : Math.max(0, System.currentTimeMillis() - lastVerifiedTimestamp);
    return new Pass(verified, coverage.undecided(), behindMillis, longestWait[0], coverage);
  }

  /**
   * How much of the log is verified, and the age of the oldest input the ledger has not decided. Counted in records:
   * the offsets after the last decided input may be transaction markers only, which are nothing to decide.
   */
  private Coverage coverage(Map<TopicPartition, Long> logEnd, Map<TopicPartition, Long> verifiedEnd) {
    long undecided = 0;
    long oldest = Long.MAX_VALUE;
    for (Map.Entry<TopicPartition, Long> partition : verifiedEnd.entrySet()) {
      long end = logEnd.get(partition.getKey());
      if (end > partition.getValue()) {
        long[] pending = lookup.pending(partition.getKey(), partition.getValue(), end, 1_000_000);
        undecided += pending[0];
        oldest = Math.min(oldest, pending[1]);
      }
    }
    long age = oldest == Long.MAX_VALUE ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
    return new Coverage(verifiedRecords + undecided, verifiedRecords, undecided, age, maxUndecidedAge);
  }

  private void published(String topic, ConsumerRecord<byte[], byte[]> record) {
    long at = Positions.of(record.partition(), record.offset());
    if (topic.equals(topics.decisions())) {
      decode(record, () -> serdes.ledgerDecision().deserializer().deserialize(topic, record.value()), d -> audit.decision(d, at));
    } else if (topic.equals(topics.rejects())) {
      decode(record, () -> serdes.rejectedEvent().deserializer().deserialize(topic, record.value()), r -> audit.reject(r, at));
    } else if (topic.equals(topics.journal())) {
      decode(record, () -> serdes.walletEntry().deserializer().deserialize(topic, record.value()), e -> audit.entry(e, at));
    } else if (topic.equals(topics.views())) {
      if (record.value() != null) {
        decode(record, () -> serdes.orderView().deserializer().deserialize(topic, record.value()), v -> audit.view(v, at));
      }
    } else if (topic.equals(topics.discrepancies())) {
      decode(record, () -> serdes.walletDiscrepancy().deserializer().deserialize(topic, record.value()), d -> audit.discrepancy(d, at));
    } else if (topic.equals(topics.owners())) {
      if (record.key() != null) {
        audit.owner(new String(record.key(), StandardCharsets.UTF_8), record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
      }
    } else if (topic.equals(topics.checkpoints())) {
      if (record.value() != null) {
        decode(record, () -> checkpoints.decode(topic, record.value()), audit::checkpoint);
      }
    }
  }

  private <T> void decode(ConsumerRecord<byte[], byte[]> record, Supplier<T> decoding, java.util.function.Consumer<T> then) {
    T value;
    try {
      value = decoding.get();
    } catch (RuntimeException e) {
      audit.unreadableOutput(record.topic(), Positions.of(record.partition(), record.offset()), e.getMessage());
      return;
    }
    if (value != null) {
      then.accept(value);
    }
  }

  private void fold(ConsumerRecord<byte[], byte[]> record) {
    if (record.timestamp() > until) {
      return;
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    OrderEvent event = null;
    String failure = null;
    if (record.value() == null) {
      failure = "record has no value";
    } else {
      try {
        event = events.decode(record.topic(), record.value());
      } catch (EventDecodingException e) {
        failure = e.failure() + ": " + e.getMessage();
      }
    }
    audit.input(record.partition(), record.offset(), record.timestamp(), key, event, failure);
  }

  @Override
  public void close() {
    eventReader.close();
    outputs.values().forEach(TopicReader::close);
    lookup.close();
  }
}
