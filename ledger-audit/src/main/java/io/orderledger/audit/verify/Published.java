package io.orderledger.audit.verify;

import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderView;
import io.orderledger.events.RejectedEvent;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.journal.JournalVerifier;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the services published, kept as 64-bit fingerprints (of each record re-encoded with the current schema, so that a
 * record written by an older version compares equal to the same values) and where each record is, so that the few
 * that differ can be read again for the report. Reading the journal also checks each wallet's hash chain.
 */
final class Published {

  /** An input record's position in order-events → fingerprint of its published decision. */
  final LongLongMap decisions = new LongLongMap();
  /** The same key → where that decision is in ledger-decisions. */
  final LongLongMap decisionAt = new LongLongMap();
  /** An input record's position → the reason it was rejected for (by the ledger), as the enum's position. */
  final LongLongMap rejects = new LongLongMap();
  final LongLongMap rejectAt = new LongLongMap();
  /** "partner|currency" → the wallet's published entries. */
  final Map<String, JournalOfWallet> journal = new HashMap<>();
  /** "partner/order" → {version, fingerprint, position} of its latest published view. */
  final Map<String, long[]> views = new HashMap<>();
  /** Per input partition: the highest input offset the ledger has decided or rejected (-1: none). */
  final Map<Integer, Long> decidedUpTo = new HashMap<>();

  private final EventSerdes serdes;
  private final String inputTopic;
  private final Findings findings;

  Published(EventSerdes serdes, String inputTopic, Findings findings) {
    this.serdes = serdes;
    this.inputTopic = inputTopic;
    this.findings = findings;
  }

  /** The published entries of one wallet, by sequence, with the state of its chain as read. */
  static final class JournalOfWallet {
    long[] fingerprints = new long[64];
    long[] positions = new long[64];
    long count;
    JournalVerifier.Tip tip = JournalVerifier.Tip.start();

    boolean has(long sequence) {
      return sequence >= 1 && sequence <= count && positions[(int) (sequence - 1)] != 0;
    }

    long fingerprint(long sequence) {
      return fingerprints[(int) (sequence - 1)];
    }

    long position(long sequence) {
      return positions[(int) (sequence - 1)] - 1;
    }

    void put(long sequence, long fingerprint, long position) {
      int index = (int) (sequence - 1);
      while (index >= fingerprints.length) {
        fingerprints = java.util.Arrays.copyOf(fingerprints, fingerprints.length * 2);
        positions = java.util.Arrays.copyOf(positions, positions.length * 2);
      }
      fingerprints[index] = fingerprint;
      positions[index] = position + 1; // 0 means absent
      count = Math.max(count, sequence);
    }
  }

  void decision(ConsumerRecord<byte[], byte[]> record) {
    LedgerDecisionRecord decision = decode(record, () -> serdes.ledgerDecision().deserializer().deserialize(record.topic(), record.value()));
    if (decision == null || !inputTopic.equals(decision.getInputTopic())) {
      return;
    }
    long input = Positions.of(decision.getInputPartition(), decision.getInputOffset());
    if (decisions.containsKey(input) || decisionAt.containsKey(input)) {
      findings.add(new Difference(Difference.Kind.DECISION_REPEATED, decision.getPartnerId(), decision.getOrderId(), null, null,
          decision.getInputPartition(), decision.getInputOffset(), "one decision", "another at " + record.partition() + "/" + record.offset()));
      return;
    }
    decisions.put(input, fingerprint(serdes.ledgerDecision().serializer().serialize(record.topic(), decision)));
    decisionAt.put(input, Positions.of(record.partition(), record.offset()));
    decidedUpTo.merge(decision.getInputPartition(), decision.getInputOffset(), Math::max);
  }

  void reject(ConsumerRecord<byte[], byte[]> record) {
    RejectedEvent reject = decode(record, () -> serdes.rejectedEvent().deserializer().deserialize(record.topic(), record.value()));
    if (reject == null || !"ledger-service".equals(reject.getRejectedBy()) || !inputTopic.equals(reject.getSourceTopic())
        || reject.getSourcePartition() == null || reject.getSourceOffset() == null) {
      return; // the poller's rejects, and any without a place in the input, are not the ledger's to verify
    }
    long input = Positions.of(reject.getSourcePartition(), reject.getSourceOffset());
    rejects.put(input, reject.getReason().ordinal());
    rejectAt.put(input, Positions.of(record.partition(), record.offset()));
    decidedUpTo.merge(reject.getSourcePartition(), reject.getSourceOffset(), Math::max);
  }

  void entry(ConsumerRecord<byte[], byte[]> record) {
    WalletEntry entry = decode(record, () -> serdes.walletEntry().deserializer().deserialize(record.topic(), record.value()));
    if (entry == null) {
      return;
    }
    String wallet = entry.getPartnerId() + "|" + entry.getCurrency();
    JournalOfWallet published = journal.computeIfAbsent(wallet, w -> new JournalOfWallet());
    WalletSummary summary = findings.wallet(entry.getPartnerId(), entry.getCurrency());
    if (published.has(entry.getSequence())) {
      findings.add(new Difference(Difference.Kind.ENTRY_REPEATED, entry.getPartnerId(), entry.getOrderId(), entry.getCurrency(),
          entry.getSequence(), -1, -1, "one entry", "another at " + record.partition() + "/" + record.offset()));
    } else {
      published.put(entry.getSequence(), fingerprint(serdes.walletEntry().serializer().serialize(record.topic(), entry)),
          Positions.of(record.partition(), record.offset()));
    }
    JournalVerifier.check(published.tip, entry).ifPresent(broken -> {
      summary.broken(broken.sequence(), broken.problem().name());
      findings.add(new Difference(Difference.Kind.CHAIN_BROKEN, entry.getPartnerId(), entry.getOrderId(), entry.getCurrency(),
          broken.sequence(), -1, -1, "an entry that continues the chain", broken.problem() + ": " + broken.detail()));
    });
    published.tip = JournalVerifier.Tip.after(entry);
  }

  void view(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    OrderView view = decode(record, () -> serdes.orderView().deserializer().deserialize(record.topic(), record.value()));
    if (view == null) {
      return;
    }
    views.put(view.getPartnerId() + "/" + view.getOrderId(), new long[] {view.getVersion(),
        fingerprint(serdes.orderView().serializer().serialize(record.topic(), view)), Positions.of(record.partition(), record.offset())});
  }

  long decidedUpTo(int partition) {
    return decidedUpTo.getOrDefault(partition, -1L);
  }

  private <T> T decode(ConsumerRecord<byte[], byte[]> record, java.util.function.Supplier<T> decoding) {
    try {
      return decoding.get();
    } catch (RuntimeException e) {
      findings.add(new Difference(Difference.Kind.UNREADABLE_OUTPUT, null, null, null, null, -1, -1, "a record of " + record.topic(),
          record.topic() + " " + record.partition() + "/" + record.offset() + ": " + e.getMessage()));
      return null;
    }
  }

  static long fingerprint(byte[] bytes) {
    return SchemaNormalization.fingerprint64(bytes);
  }
}
