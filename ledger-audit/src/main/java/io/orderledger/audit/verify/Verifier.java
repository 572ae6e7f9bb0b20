package io.orderledger.audit.verify;

import io.orderledger.audit.kafka.Cluster;
import io.orderledger.audit.kafka.TopicReader;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.RejectReason;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventDecodingException;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.events.topic.PartnerId;
import io.orderledger.ledger.rules.DecisionRecords;
import io.orderledger.ledger.rules.LedgerStep;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Folds {@code order-events} with the ledger's own rules ({@link LedgerStep}, in memory, no Kafka Streams) and compares
 * what they give with what the services published: every decision, every journal entry (and each wallet's hash chain),
 * every rejection, every order's latest view.
 *
 * <p>A pass reads the decisions and rejections first and then the journal and the views: every output of one input is
 * committed in one transaction, so an input whose decision has been read has all its outputs within what is read next.
 * The inputs it then folds are exactly those the ledger has decided: the <em>verified point</em>. {@code --follow}
 * repeats passes, each going on from the last.
 */
public final class Verifier implements AutoCloseable {

  /** The topics compared; outputs may carry a prefix (a blue/green rebuild's). */
  public record Topics(String events, String views, String journal, String decisions, String rejects) {

    public static Topics of(String events, String outputPrefix) {
      return new Topics(events, outputPrefix + "order-views", outputPrefix + "wallet-journal", outputPrefix + "ledger-decisions",
          outputPrefix + "order-events-rejected");
    }
  }

  /**
   * One pass: inputs verified in it; how far the verified point is behind the end of order-events, in records and in
   * time; and the longest any input of this pass waited from its ingestion to its verification.
   */
  public record Pass(long verified, long behindRecords, long behindMillis, long longestWaitMillis) {
  }

  /** Counts of what was checked, for the summary and the report. */
  public record Checked(long inputs, long decisions, long entries, long views, long rejects, long ordersInMemory) {
  }

  private final Cluster cluster;
  private final Topics topics;
  private final String partner;
  private final long until;
  private final Progress progress;
  private final EventSerdes serdes = EventSerdes.shipped();
  private final SingleObjectCodec<OrderEvent> events = SingleObjectCodec.of(OrderEvent.class);
  private final Findings findings = new Findings();
  private final Published published;
  private final InMemoryLedger ledger = new InMemoryLedger(serdes);
  private final Map<String, long[]> expectedViews = new HashMap<>();
  private final Map<String, WalletCursor> expectedWallets = new HashMap<>();
  private final TopicReader eventReader;
  private final TopicReader decisionReader;
  private final TopicReader rejectReader;
  private final TopicReader journalReader;
  private final TopicReader viewReader;
  private final Lookup lookup;
  private long inputs;
  private long decisionsChecked;
  private long entriesChecked;
  private long viewsChecked;
  private long rejectsChecked;
  private long lastVerifiedTimestamp = -1;

  /** Where the rules' journal of one wallet stands: its last sequence. */
  private static final class WalletCursor {
    long sequence;
  }

  /**
   * @param partner verify this partner only, or null for all
   * @param until leave out inputs ingested after this time (a replay {@code --until}'s rebuild), or Long.MAX_VALUE
   */
  public Verifier(Cluster cluster, Topics topics, String partner, long until, Progress progress) {
    this.cluster = cluster;
    this.topics = topics;
    this.partner = partner;
    this.until = until;
    this.progress = progress;
    cluster.require(topics.events(), "the ledger's input");
    cluster.require(topics.decisions(), "the ledger's decisions");
    cluster.require(topics.journal(), "the wallet journal");
    cluster.require(topics.views(), "the order views");
    cluster.require(topics.rejects(), "the rejected inputs");
    this.published = new Published(serdes, topics.events(), findings);
    this.eventReader = new TopicReader(cluster, topics.events());
    this.decisionReader = new TopicReader(cluster, topics.decisions());
    this.rejectReader = new TopicReader(cluster, topics.rejects());
    this.journalReader = new TopicReader(cluster, topics.journal());
    this.viewReader = new TopicReader(cluster, topics.views());
    this.lookup = new Lookup(cluster, serdes);
    if (partner != null) {
      findings.partner(partner);
    }
  }

  public Findings findings() {
    return findings;
  }

  public Topics topics() {
    return topics;
  }

  public Checked checked() {
    return new Checked(inputs, decisionsChecked, entriesChecked, viewsChecked, rejectsChecked, ledger.orders());
  }

  /** One pass from where the last one ended to the verified point now. */
  public Pass pass() {
    // Decisions and rejections first: they say which inputs the ledger has finished with.
    decisionReader.readTo(decisionReader.end(), published::decision);
    rejectReader.readTo(rejectReader.end(), published::reject);
    journalReader.readTo(journalReader.end(), published::entry);
    viewReader.readTo(viewReader.end(), published::view);

    Map<TopicPartition, Long> logEnd = eventReader.end();
    Map<TopicPartition, Long> verifiedEnd = new HashMap<>();
    Map<TopicPartition, Long> start = eventReader.positions();
    long toRead = 0;
    for (TopicPartition partition : eventReader.partitions()) {
      if (partner != null && partition.partition() != PartnerId.partitionOf(partner, eventReader.partitions().size())) {
        continue; // another partner's partition: nothing of this partner's is there
      }
      long end = Math.min(logEnd.get(partition), published.decidedUpTo(partition.partition()) + 1);
      end = Math.max(end, start.get(partition));
      verifiedEnd.put(partition, end);
      toRead += end - start.get(partition);
    }
    progress.start("verify " + topics.events(), toRead);
    Set<String> touched = new HashSet<>();
    long[] longestWait = {0};
    long now = System.currentTimeMillis();
    long verified = eventReader.readTo(verifiedEnd, record -> {
      fold(record, touched);
      longestWait[0] = Math.max(longestWait[0], now - record.timestamp());
      lastVerifiedTimestamp = Math.max(lastVerifiedTimestamp, record.timestamp());
      progress.step();
    });
    progress.finish();
    compareViews(touched);
    reportDecisionsOfInputsAlreadyPassed(verifiedEnd);

    long behind = 0;
    for (TopicPartition partition : verifiedEnd.keySet()) {
      behind += Math.max(0, logEnd.get(partition) - eventReader.positions().get(partition));
    }
    long behindMillis = behind == 0 || lastVerifiedTimestamp < 0 ? 0 : Math.max(0, System.currentTimeMillis() - lastVerifiedTimestamp);
    return new Pass(verified, behind, behindMillis, longestWait[0]);
  }

  private void fold(ConsumerRecord<byte[], byte[]> record, Set<String> touched) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    long position = Positions.of(record.partition(), record.offset());
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
    String partnerId = event != null ? event.getPartnerId() : key;
    if (record.timestamp() > until || partner != null && !partner.equals(partnerId) && !(event != null && partner.equals(key))) {
      dropPublished(position);
      return;
    }
    inputs++;
    if (event == null) {
      findings.unreadable(record.partition(), record.offset(), failure);
      expectReject(partnerId, null, record, position, RejectReason.UNDECODABLE);
      if (published.decisions.remove(position, Long.MIN_VALUE) != Long.MIN_VALUE) {
        difference(Difference.Kind.DECISION_UNEXPECTED, partnerId, null, record, "no decision for an undecodable input", "a decision");
      }
      return;
    }

    DecisionRecords.Input input = new DecisionRecords.Input(record.topic(), record.partition(), record.offset(), record.timestamp());
    LedgerStep.Outcome outcome = LedgerStep.fold(ledger.partition(record.partition()), event, key, input);
    ledger.keep(record.partition(), event.getPartnerId(), event.getOrderId(), outcome);
    findings.partner(event.getPartnerId());

    long expected = Published.fingerprint(serdes.ledgerDecision().serializer().serialize(topics.decisions(), outcome.decision()));
    long found = published.decisions.remove(position, Long.MIN_VALUE);
    decisionsChecked++;
    if (found == Long.MIN_VALUE) {
      difference(Difference.Kind.DECISION_MISSING, event.getPartnerId(), event.getOrderId(), record, describe(outcome), "none");
    } else if (found != expected) {
      difference(Difference.Kind.DECISION_DIFFERS, event.getPartnerId(), event.getOrderId(), record, describe(outcome),
          lookup.decision(topics.decisions(), published.decisionAt.get(position, -1)));
    }
    published.decisionAt.remove(position, -1);

    if (outcome.rejectReason() != null) {
      expectReject(event.getPartnerId(), event.getOrderId(), record, position, outcome.rejectReason());
    } else if (published.rejects.remove(position, -1) >= 0) {
      rejectsChecked++;
      difference(Difference.Kind.REJECT_UNEXPECTED, event.getPartnerId(), event.getOrderId(), record, "not rejected",
          "rejected: " + lookup.reject(topics.rejects(), published.rejectAt.get(position, -1)));
    }

    for (WalletEntry entry : outcome.entries()) {
      compareEntry(entry, record);
    }
    if (outcome.view() != null) {
      String order = event.getPartnerId() + "/" + event.getOrderId();
      expectedViews.put(order, new long[] {outcome.view().getVersion(),
          Published.fingerprint(serdes.orderView().serializer().serialize(topics.views(), outcome.view()))});
      touched.add(order);
    }
  }

  private void expectReject(String partnerId, String orderId, ConsumerRecord<byte[], byte[]> record, long position, RejectReason reason) {
    rejectsChecked++;
    long found = published.rejects.remove(position, -1);
    if (found < 0) {
      difference(Difference.Kind.REJECT_MISSING, partnerId, orderId, record, "rejected: " + reason, "not rejected");
    } else if (found != reason.ordinal()) {
      difference(Difference.Kind.REJECT_DIFFERS, partnerId, orderId, record, "rejected: " + reason,
          "rejected: " + RejectReason.values()[(int) found]);
    }
  }

  private void compareEntry(WalletEntry entry, ConsumerRecord<byte[], byte[]> record) {
    entriesChecked++;
    String wallet = entry.getPartnerId() + "|" + entry.getCurrency();
    expectedWallets.computeIfAbsent(wallet, w -> new WalletCursor()).sequence = entry.getSequence();
    findings.wallet(entry.getPartnerId(), entry.getCurrency()).moved(entry.getSequence(), entry.getBookedAt(), entry.getBalanceAfterMinor());
    Published.JournalOfWallet journal = published.journal.get(wallet);
    long expected = Published.fingerprint(serdes.walletEntry().serializer().serialize(topics.journal(), entry));
    String what = entry.getKind() + " " + entry.getAmountMinor() + " " + entry.getCurrency() + " balance " + entry.getBalanceBeforeMinor()
        + " → " + entry.getBalanceAfterMinor() + " hash " + entry.getHash();
    if (journal == null || !journal.has(entry.getSequence())) {
      findings.add(new Difference(Difference.Kind.ENTRY_MISSING, entry.getPartnerId(), entry.getOrderId(), entry.getCurrency(),
          entry.getSequence(), record.partition(), record.offset(), what, "none"));
    } else if (journal.fingerprint(entry.getSequence()) != expected) {
      findings.add(new Difference(Difference.Kind.ENTRY_DIFFERS, entry.getPartnerId(), entry.getOrderId(), entry.getCurrency(),
          entry.getSequence(), record.partition(), record.offset(), what, lookup.entry(topics.journal(), journal.position(entry.getSequence()))));
    }
  }

  /** Each order whose view the rules changed in this pass: the published latest view must be that one, or newer. */
  private void compareViews(Set<String> touched) {
    for (String order : touched) {
      viewsChecked++;
      long[] expected = expectedViews.get(order);
      long[] found = published.views.get(order);
      String partnerId = order.substring(0, order.indexOf('/'));
      String orderId = order.substring(order.indexOf('/') + 1);
      if (found == null || found[0] < expected[0]) {
        findings.add(new Difference(Difference.Kind.VIEW_MISSING, partnerId, orderId, null, null, -1, -1, "version " + expected[0],
            found == null ? "none" : "version " + found[0]));
      } else if (found[0] == expected[0] && found[1] != expected[1]) {
        findings.add(new Difference(Difference.Kind.VIEW_DIFFERS, partnerId, orderId, null, null, -1, -1, "version " + expected[0],
            lookup.view(topics.views(), found[2])));
      }
    }
  }

  /** A decision published for an input that this verify has already passed without expecting it. */
  private void reportDecisionsOfInputsAlreadyPassed(Map<TopicPartition, Long> verifiedEnd) {
    Map<Integer, Long> passed = new HashMap<>();
    verifiedEnd.forEach((partition, end) -> passed.put(partition.partition(), end));
    List<Long> stray = new java.util.ArrayList<>();
    published.decisions.forEach((position, fingerprint) -> {
      Long end = passed.get(Positions.partition(position));
      if (end != null && Positions.offset(position) < end) {
        stray.add(position);
      }
    });
    for (long position : stray) {
      published.decisions.remove(position, 0);
      findings.add(new Difference(Difference.Kind.DECISION_UNEXPECTED, partner, null, null, null, Positions.partition(position),
          Positions.offset(position), "no decision (no such input record)",
          lookup.decision(topics.decisions(), published.decisionAt.remove(position, -1))));
    }
  }

  /** A record of another partner under --partner: what was published for it is not this verify's to match. */
  private void dropPublished(long position) {
    published.decisions.remove(position, 0);
    published.decisionAt.remove(position, 0);
    published.rejects.remove(position, 0);
    published.rejectAt.remove(position, 0);
  }

  private void difference(Difference.Kind kind, String partnerId, String orderId, ConsumerRecord<byte[], byte[]> record, String expected,
                          String found) {
    findings.add(new Difference(kind, partnerId, orderId, null, null, record.partition(), record.offset(), expected, found));
  }

  private static String describe(LedgerStep.Outcome outcome) {
    var decision = outcome.decision();
    StringBuilder text = new StringBuilder().append(decision.getDecision());
    if (decision.getRejectReason() != null) {
      text.append(' ').append(decision.getRejectReason());
    }
    text.append(' ').append(decision.getStateBefore()).append(" → ").append(decision.getStateAfter())
        .append(" v").append(decision.getVersionAfter());
    decision.getMovements().forEach(m -> text.append(' ').append(m.getKind()).append(' ').append(m.getAmountMinor()));
    return text.toString();
  }

  @Override
  public void close() {
    eventReader.close();
    decisionReader.close();
    rejectReader.close();
    journalReader.close();
    viewReader.close();
    lookup.close();
  }
}
