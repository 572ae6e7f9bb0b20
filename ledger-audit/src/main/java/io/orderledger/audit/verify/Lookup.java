package io.orderledger.audit.verify;

import io.orderledger.audit.kafka.Cluster;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderView;
import io.orderledger.events.RejectedEvent;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventSerdes;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one published record again by its position, to say in the report what was found where it differs. Only the
 * first differences are looked up: a broken ledger can differ in millions of places, and the report keeps the first.
 */
final class Lookup implements AutoCloseable {

  private static final int MAX_LOOKUPS = 1_000;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final EventSerdes serdes;
  private int lookups;

  Lookup(Cluster cluster, EventSerdes serdes) {
    this.consumer = cluster.consumer();
    this.serdes = serdes;
  }

  String decision(String topic, long position) {
    return read(topic, position, bytes -> {
      LedgerDecisionRecord d = serdes.ledgerDecision().deserializer().deserialize(topic, bytes);
      StringBuilder text = new StringBuilder().append(d.getDecision());
      if (d.getRejectReason() != null) {
        text.append(' ').append(d.getRejectReason());
      }
      text.append(' ').append(d.getStateBefore()).append(" → ").append(d.getStateAfter()).append(" v").append(d.getVersionAfter());
      d.getMovements().forEach(m -> text.append(' ').append(m.getKind()).append(' ').append(m.getAmountMinor()));
      return text.toString();
    });
  }

  String entry(String topic, long position) {
    return read(topic, position, bytes -> {
      WalletEntry e = serdes.walletEntry().deserializer().deserialize(topic, bytes);
      return e.getKind() + " " + e.getAmountMinor() + " " + e.getCurrency() + " balance " + e.getBalanceBeforeMinor() + " → "
          + e.getBalanceAfterMinor() + " hash " + e.getHash();
    });
  }

  String view(String topic, long position) {
    return read(topic, position, bytes -> {
      OrderView v = serdes.orderView().deserializer().deserialize(topic, bytes);
      return "version " + v.getVersion() + " " + v.getOrder().getState() + " amount " + v.getOrder().getAmountMinor() + " balance "
          + v.getWalletBalanceBeforeMinor() + " → " + v.getWalletBalanceAfterMinor();
    });
  }

  String reject(String topic, long position) {
    return read(topic, position, bytes -> {
      RejectedEvent r = serdes.rejectedEvent().deserializer().deserialize(topic, bytes);
      return r.getReason() + (r.getDetail() == null ? "" : " (" + r.getDetail() + ")");
    });
  }

  private String read(String topic, long position, Function<byte[], String> describe) {
    String where = topic + " " + Positions.partition(position) + "/" + Positions.offset(position);
    if (position < 0) {
      return "not found";
    }
    if (++lookups > MAX_LOOKUPS) {
      return "see " + where;
    }
    TopicPartition partition = new TopicPartition(topic, Positions.partition(position));
    consumer.assign(List.of(partition));
    consumer.seek(partition, Positions.offset(position));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        if (record.offset() == Positions.offset(position)) {
          try {
            return describe.apply(record.value()) + " (" + where + ")";
          } catch (RuntimeException e) {
            return "undecodable: " + e.getMessage() + " (" + where + ")";
          }
        }
      }
    }
    return "unreadable (" + where + ")";
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
