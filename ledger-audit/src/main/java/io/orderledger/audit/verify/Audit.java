package io.orderledger.audit.verify;

import io.orderledger.events.topic.TopicNames;
import io.orderledger.audit.rules.Expected;
import io.orderledger.audit.rules.IndependentLedger;
import io.orderledger.events.LedgerCheckpoint;
import io.orderledger.events.seal.CheckpointSignature;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderView;
import io.orderledger.events.RejectedEvent;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.topic.PartnerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The verify's comparison, with no Kafka in it: the services' published outputs go in as they are read, the input log
 * goes through the {@link IndependentLedger}, and every difference between the two accounts is a {@link Difference}:
 * missing, differing, repeated or unexpected, for decisions, rejections, journal entries (and each wallet's chain, and
 * the signed checkpoints it must pass through), order views, discrepancies and order owners.
 *
 * <p>An output that no input explains is only unexpected once every input that could explain it has been decided: the
 * caller says which input partitions have nothing left undecided ({@link #endOfPass}). What the published side holds
 * is kept as 64-bit fingerprints of {@link Canonical} texts and positions, so a million-event ledger verifies in a
 * small heap; the few records that differ are read again through {@link Found} for the report.
 */
public final class Audit {

  /** Reads a published record again by its position, to say what was found. */
  public interface Found {
    String describe(String topic, long position);

    Found NOTHING = (topic, position) -> topic + " " + Positions.partition(position) + "/" + Positions.offset(position);
  }

  /** The published topics, by role. */
  public record Topics(String events, String views, String journal, String decisions, String rejects, String discrepancies, String owners,
                       String checkpoints) {

    public static Topics of(String events, String outputPrefix) {
      return new Topics(events, outputPrefix + TopicNames.ORDER_VIEWS, outputPrefix + TopicNames.WALLET_JOURNAL, outputPrefix + TopicNames.LEDGER_DECISIONS,
          outputPrefix + TopicNames.ORDER_EVENTS_REJECTED, outputPrefix + TopicNames.WALLET_DISCREPANCIES, outputPrefix + TopicNames.ORDER_OWNERS,
          outputPrefix + TopicNames.LEDGER_CHECKPOINTS);
    }
  }

  /** Counts of what was compared. */
  public record Checked(long inputs, long decisions, long entries, long views, long rejects, long discrepancies, long owners,
                        long checkpoints, long ordersInMemory) {
  }

  private final Topics topics;
  private final String partner;
  private final int inputPartitions;
  private final Findings findings;
  private final Found found;
  private final CheckpointSignature signatures;
  private final IndependentLedger rules = new IndependentLedger();

  private final LongLongMap decisions = new LongLongMap();
  private final LongLongMap decisionAt = new LongLongMap();
  private final LongLongMap rejects = new LongLongMap();
  private final LongLongMap rejectAt = new LongLongMap();
  private final Map<String, WalletJournal> journal = new HashMap<>();
  /**
   * "partner/order" → what is known of its view, in one array: the latest published view's {version, fingerprint,
   * position, held} and the view the rules give {version, fingerprint}; {@link #NONE} as a version where there is none
   * yet. Held is 1 once the published view has been held against the rules at the end of a pass where its partition
   * was settled. Only views not yet held can change their verdict (an expected view only moves forward), so a pass
   * skips the others at the cost of reading one number: a million orders made each {@code --follow} pass work through
   * a million views. One map for both sides, not two: a key and an array per order, not two of each (a
   * one-million-event verify is to fit 512 MiB).
   */
  private final Map<String, long[]> views = new HashMap<>();
  private static final int PUBLISHED_VERSION = 0;
  private static final int PUBLISHED_FINGERPRINT = 1;
  private static final int PUBLISHED_AT = 2;
  private static final int VIEW_HELD = 3;
  private static final int EXPECTED_VERSION = 4;
  private static final int EXPECTED_FINGERPRINT = 5;
  private static final long NONE = Long.MIN_VALUE;
  /** "eventId|kind" → {fingerprint, position, compared (0/1)}. */
  private final Map<String, long[]> discrepancies = new HashMap<>();
  private final Map<String, String> owners = new HashMap<>();
  private final Map<String, String> partnerIds = new HashMap<>();
  /**
   * Order ids whose claim moved (an input folded, a claim published) since the claims were last compared, so that a
   * {@code --follow} pass at rest compares those, not every order ever claimed; null until the first comparison, or
   * once more than {@link #OWNERS_TRACKED} moved between two: then all are compared.
   */
  private Set<String> ownersToCheck;
  private static final int OWNERS_TRACKED = 100_000;
  private final List<LedgerCheckpoint> checkpointsToCheck = new ArrayList<>();
  private final Map<Integer, Long> decidedUpTo = new HashMap<>();
  private final Set<String> touched = new HashSet<>();
  private long inputs;
  private long decisionsChecked;
  private long entriesChecked;
  private long rejectsChecked;
  private long viewsChecked;
  private long discrepanciesChecked;
  private long ownersChecked;
  private long checkpointsChecked;

  /** The published entries of one wallet, by sequence, and its chain as read. */
  private static final class WalletJournal {
    long[] fingerprints = new long[64];
    long[] positions = new long[64];
    long[] hashPrefixes = new long[64];
    boolean[] compared = new boolean[64];
    long count;
    ChainCheck.Tip tip = ChainCheck.Tip.start();

    boolean has(long sequence) {
      return sequence >= 1 && sequence <= count && positions[(int) (sequence - 1)] != 0;
    }

    long position(long sequence) {
      return positions[(int) (sequence - 1)] - 1;
    }

    void put(long sequence, long fingerprint, long position, long hashPrefix) {
      int index = (int) (sequence - 1);
      while (index >= fingerprints.length) {
        int size = fingerprints.length * 2;
        fingerprints = java.util.Arrays.copyOf(fingerprints, size);
        positions = java.util.Arrays.copyOf(positions, size);
        hashPrefixes = java.util.Arrays.copyOf(hashPrefixes, size);
        compared = java.util.Arrays.copyOf(compared, size);
      }
      fingerprints[index] = fingerprint;
      positions[index] = position + 1; // 0 means absent
      hashPrefixes[index] = hashPrefix;
      count = Math.max(count, sequence);
    }
  }

  /**
   * @param partner verify this partner only, or null for all
   * @param inputPartitions how many partitions the input topic has (a partner's records are on the one its id gives)
   * @param signatures checks the checkpoints' signatures, or null when no public key was given
   */
  public Audit(Topics topics, String partner, int inputPartitions, Findings findings, Found found, CheckpointSignature signatures) {
    this.topics = topics;
    this.partner = partner;
    this.inputPartitions = inputPartitions;
    this.findings = findings;
    this.found = found;
    this.signatures = signatures;
    if (partner != null) {
      findings.partner(partner);
    }
  }

  public Findings findings() {
    return findings;
  }

  public Checked checked() {
    return new Checked(inputs, decisionsChecked, entriesChecked, viewsChecked, rejectsChecked, discrepanciesChecked, ownersChecked,
        checkpointsChecked, rules.orders());
  }

  public IndependentLedger rules() {
    return rules;
  }

  // ---- what was published ----

  public void decision(LedgerDecisionRecord d, long at) {
    if (!topics.events().equals(d.getInputTopic()) || !mine(d.getPartnerId(), d.getInputPartition())) {
      return;
    }
    long input = Positions.of(d.getInputPartition(), d.getInputOffset());
    if (decisions.containsKey(input) || decisionAt.containsKey(input)) {
      findings.add(new Difference(Difference.Kind.DECISION_REPEATED, d.getPartnerId(), d.getOrderId(), null, null, d.getInputPartition(),
          d.getInputOffset(), "one decision", "another: " + found.describe(topics.decisions(), at)));
      return;
    }
    decisions.put(input, Canonical.fingerprint(Canonical.decision(d)));
    decisionAt.put(input, at);
    decidedUpTo.merge(d.getInputPartition(), d.getInputOffset(), Math::max);
  }

  public void reject(RejectedEvent r, long at) {
    if (!"ledger-service".equals(r.getRejectedBy()) || !topics.events().equals(r.getSourceTopic()) || r.getSourcePartition() == null
        || r.getSourceOffset() == null) {
      return; // the poller's rejects, and any without a place in the input, are not the ledger's to verify
    }
    long input = Positions.of(r.getSourcePartition(), r.getSourceOffset());
    rejects.put(input, r.getReason().ordinal());
    rejectAt.put(input, at);
    decidedUpTo.merge(r.getSourcePartition(), r.getSourceOffset(), Math::max);
  }

  public void entry(WalletEntry e, long at) {
    if (partner != null && !partner.equals(e.getPartnerId())) {
      return;
    }
    String wallet = e.getPartnerId() + "|" + e.getCurrency();
    WalletJournal published = journal.computeIfAbsent(wallet, w -> new WalletJournal());
    if (published.has(e.getSequence())) {
      findings.add(new Difference(Difference.Kind.ENTRY_REPEATED, e.getPartnerId(), e.getOrderId(), e.getCurrency(), e.getSequence(), -1, -1,
          found.describe(topics.journal(), published.position(e.getSequence())), "another: " + Canonical.entry(e)));
    } else {
      published.put(e.getSequence(), Canonical.fingerprint(Canonical.entry(e)), at, hashPrefix(e.getHash()));
    }
    ChainCheck.Problem problem = ChainCheck.check(published.tip, e);
    if (problem != null) {
      findings.wallet(e.getPartnerId(), e.getCurrency()).broken(problem.sequence(), problem.what());
      findings.add(new Difference(Difference.Kind.CHAIN_BROKEN, e.getPartnerId(), e.getOrderId(), e.getCurrency(), problem.sequence(), -1, -1,
          "an entry that continues the chain", problem.what() + ": " + problem.detail()));
    }
    if (e.getSequence() > published.tip.sequence()) {
      published.tip = ChainCheck.after(e);
    }
  }

  public void view(OrderView v, long at) {
    if (partner != null && !partner.equals(v.getPartnerId())) {
      return;
    }
    long[] view = views.computeIfAbsent(v.getPartnerId() + "/" + v.getOrderId(), order -> newView());
    view[PUBLISHED_VERSION] = v.getVersion();
    view[PUBLISHED_FINGERPRINT] = Canonical.fingerprint(Canonical.view(v));
    view[PUBLISHED_AT] = at;
    view[VIEW_HELD] = 0;
  }

  public void discrepancy(WalletDiscrepancy d, long at) {
    if (partner != null && !partner.equals(d.getPartnerId())) {
      return;
    }
    discrepancies.put(d.getEventId() + "|" + d.getKind(), new long[] {Canonical.fingerprint(Canonical.discrepancy(d)), at, 0});
  }

  /** The latest claim of an order id in order-owners (null: a tombstone). */
  public void owner(String orderId, String claimedBy) {
    if (claimedBy == null) {
      owners.remove(orderId);
    } else {
      owners.put(orderId, partnerIds.computeIfAbsent(claimedBy, id -> id)); // one instance per partner, not per claim
    }
    ownerMoved(orderId);
  }

  private void ownerMoved(String orderId) {
    if (ownersToCheck != null) {
      ownersToCheck.add(orderId);
      if (ownersToCheck.size() > OWNERS_TRACKED) {
        ownersToCheck = null;
      }
    }
  }

  public void checkpoint(LedgerCheckpoint c) {
    if (partner == null || partner.equals(c.getPartnerId())) {
      checkpointsToCheck.add(c);
    }
  }

  public void unreadableOutput(String topic, long at, String error) {
    findings.add(new Difference(Difference.Kind.UNREADABLE_OUTPUT, null, null, null, null, -1, -1, "a record of " + topic,
        topic + " " + Positions.partition(at) + "/" + Positions.offset(at) + ": " + error));
  }

  /** The highest input offset of the partition the ledger has decided or rejected (-1: none). */
  public long decidedUpTo(int partition) {
    return decidedUpTo.getOrDefault(partition, -1L);
  }

  // ---- the input, through the rules ----

  /**
   * One input record, decided by the rules and compared with what was published for it.
   *
   * @param event the decoded event, or null when the value is not one ({@code failure} says why)
   */
  public void input(int partition, long offset, long timestamp, String key, OrderEvent event, String failure) {
    long position = Positions.of(partition, offset);
    String partnerId = event != null ? event.getPartnerId() : key;
    if (partner != null && !partner.equals(partnerId) && !(event != null && partner.equals(key))) {
      dropPublished(position);
      return;
    }
    inputs++;
    if (event == null) {
      findings.unreadable(partition, offset, failure);
      expectReject(partnerId, null, partition, offset, "UNDECODABLE");
      if (decisions.remove(position, Long.MIN_VALUE) != Long.MIN_VALUE) {
        findings.add(new Difference(Difference.Kind.DECISION_UNEXPECTED, partnerId, null, null, null, partition, offset,
            "no decision for an undecodable input", found.describe(topics.decisions(), decisionAt.get(position, -1))));
      }
      decisionAt.remove(position, -1);
      return;
    }
    Expected.Outcome outcome = rules.process(event, key, partition, offset, timestamp);
    ownerMoved(event.getOrderId());
    findings.partner(event.getPartnerId());

    String expectedDecision = Canonical.decision(outcome.decision());
    long publishedDecision = decisions.remove(position, Long.MIN_VALUE);
    decisionsChecked++;
    if (publishedDecision == Long.MIN_VALUE) {
      findings.add(new Difference(Difference.Kind.DECISION_MISSING, event.getPartnerId(), event.getOrderId(), null, null, partition, offset,
          expectedDecision, "none"));
    } else if (publishedDecision != Canonical.fingerprint(expectedDecision)) {
      findings.add(new Difference(Difference.Kind.DECISION_DIFFERS, event.getPartnerId(), event.getOrderId(), null, null, partition, offset,
          expectedDecision, found.describe(topics.decisions(), decisionAt.get(position, -1))));
    }
    decisionAt.remove(position, -1);

    if (outcome.rejectReason() != null) {
      expectReject(event.getPartnerId(), event.getOrderId(), partition, offset, outcome.rejectReason());
    } else if (rejects.remove(position, -1) >= 0) {
      rejectsChecked++;
      findings.add(new Difference(Difference.Kind.REJECT_UNEXPECTED, event.getPartnerId(), event.getOrderId(), null, null, partition, offset,
          "not rejected", "rejected: " + found.describe(topics.rejects(), rejectAt.get(position, -1))));
    }
    for (Expected.Movement entry : outcome.entries()) {
      compareEntry(entry, partition, offset);
    }
    for (Expected.Discrepancy discrepancy : outcome.discrepancies()) {
      compareDiscrepancy(discrepancy, partition, offset);
    }
    if (outcome.view() != null) {
      String order = event.getPartnerId() + "/" + event.getOrderId();
      long[] view = views.computeIfAbsent(order, o -> newView());
      view[EXPECTED_VERSION] = outcome.view().version();
      view[EXPECTED_FINGERPRINT] = Canonical.fingerprint(Canonical.view(outcome.view()));
      touched.add(order);
    }
  }

  private void expectReject(String partnerId, String orderId, int partition, long offset, String reason) {
    rejectsChecked++;
    long position = Positions.of(partition, offset);
    long published = rejects.remove(position, -1);
    if (published < 0) {
      findings.add(new Difference(Difference.Kind.REJECT_MISSING, partnerId, orderId, null, null, partition, offset, "rejected: " + reason,
          "not rejected"));
    } else if (!io.orderledger.events.RejectReason.values()[(int) published].name().equals(reason)) {
      findings.add(new Difference(Difference.Kind.REJECT_DIFFERS, partnerId, orderId, null, null, partition, offset, "rejected: " + reason,
          "rejected: " + io.orderledger.events.RejectReason.values()[(int) published]));
    }
  }

  private void compareEntry(Expected.Movement entry, int partition, long offset) {
    entriesChecked++;
    findings.wallet(entry.partnerId(), entry.currency()).moved(entry.sequence(), entry.bookedAt(), entry.balanceAfterMinor());
    WalletJournal published = journal.get(entry.partnerId() + "|" + entry.currency());
    String expected = Canonical.entry(entry);
    if (published == null || !published.has(entry.sequence())) {
      findings.add(new Difference(Difference.Kind.ENTRY_MISSING, entry.partnerId(), entry.orderId(), entry.currency(), entry.sequence(),
          partition, offset, expected, "none"));
      return;
    }
    int index = (int) (entry.sequence() - 1);
    published.compared[index] = true;
    if (published.fingerprints[index] != Canonical.fingerprint(expected)) {
      findings.add(new Difference(Difference.Kind.ENTRY_DIFFERS, entry.partnerId(), entry.orderId(), entry.currency(), entry.sequence(),
          partition, offset, expected, found.describe(topics.journal(), published.position(entry.sequence()))));
    }
  }

  private void compareDiscrepancy(Expected.Discrepancy discrepancy, int partition, long offset) {
    discrepanciesChecked++;
    long[] published = discrepancies.get(discrepancy.eventId() + "|" + discrepancy.kind());
    String expected = Canonical.discrepancy(discrepancy);
    if (published == null) {
      findings.add(new Difference(Difference.Kind.DISCREPANCY_MISSING, discrepancy.partnerId(), discrepancy.orderId(), discrepancy.currency(),
          null, partition, offset, expected, "none"));
      return;
    }
    published[2] = 1;
    if (published[0] != Canonical.fingerprint(expected)) {
      findings.add(new Difference(Difference.Kind.DISCREPANCY_DIFFERS, discrepancy.partnerId(), discrepancy.orderId(), discrepancy.currency(),
          null, partition, offset, expected, found.describe(topics.discrepancies(), published[1])));
    }
  }

  // ---- at the end of a pass ----

  /**
   * Compares what a pass can only judge once its inputs are folded: the views it touched, decisions of inputs it
   * passed without expecting one, and, on the input partitions with nothing left undecided, every published output no
   * input explains; then the checkpoints that arrived, and, when nothing anywhere is left undecided, order-owners.
   *
   * @param verifiedEnd per input partition, the offset the pass folded up to
   * @param settled whether an input partition has nothing left that the ledger has not decided
   */
  public void endOfPass(Map<Integer, Long> verifiedEnd, IntPredicate settled) {
    compareViews();
    reportDecisionsOfInputsAlreadyPassed(verifiedEnd);
    Map<String, long[]> heads = rules.walletHeads();
    for (Map.Entry<String, WalletJournal> wallet : journal.entrySet()) {
      String partnerId = wallet.getKey().substring(0, wallet.getKey().indexOf('|'));
      if (!settled.test(PartnerId.partitionOf(partnerId, inputPartitions))) {
        continue;
      }
      long head = heads.getOrDefault(wallet.getKey(), new long[] {0, 0})[0];
      WalletJournal published = wallet.getValue();
      // Only entries past the rules' head can be unexpected: from there on, not from the wallet's first.
      for (long sequence = Math.max(1, head + 1); sequence <= published.count; sequence++) {
        int index = (int) (sequence - 1);
        if (published.has(sequence) && !published.compared[index] && sequence > head) {
          published.compared[index] = true;
          findings.add(new Difference(Difference.Kind.ENTRY_UNEXPECTED, partnerId, null, wallet.getKey().substring(partnerId.length() + 1),
              sequence, -1, -1, head == 0 ? "no such wallet" : "the wallet ends at sequence " + head,
              found.describe(topics.journal(), published.position(sequence))));
        }
      }
    }
    for (Map.Entry<String, long[]> entry : views.entrySet()) {
      long[] view = entry.getValue();
      if (view[PUBLISHED_VERSION] == NONE || view[VIEW_HELD] == 1) {
        continue;
      }
      String order = entry.getKey();
      String partnerId = order.substring(0, order.indexOf('/'));
      if (!settled.test(PartnerId.partitionOf(partnerId, inputPartitions))) {
        continue; // its inputs may still be on their way: held against the rules at a later pass
      }
      view[VIEW_HELD] = 1;
      if (view[EXPECTED_VERSION] == NONE || view[PUBLISHED_VERSION] > view[EXPECTED_VERSION]) {
        findings.add(view[EXPECTED_VERSION] == NONE
            ? new Difference(Difference.Kind.VIEW_UNEXPECTED, partnerId, order.substring(partnerId.length() + 1), null, null,
                -1, -1, "no such order", found.describe(topics.views(), view[PUBLISHED_AT]))
            : new Difference(Difference.Kind.VIEW_AHEAD, partnerId, order.substring(partnerId.length() + 1), null, null, -1,
                -1, "version " + view[EXPECTED_VERSION], found.describe(topics.views(), view[PUBLISHED_AT])));
        // Reported once: from here on the published view is what this one is held to.
        view[EXPECTED_VERSION] = view[PUBLISHED_VERSION];
        view[EXPECTED_FINGERPRINT] = view[PUBLISHED_FINGERPRINT];
      }
    }
    for (Map.Entry<String, long[]> discrepancy : discrepancies.entrySet()) {
      long[] published = discrepancy.getValue();
      int partition = Positions.partition(published[1]);
      if (published[2] == 0 && settled.test(partition)) {
        published[2] = 1;
        findings.add(new Difference(Difference.Kind.DISCREPANCY_UNEXPECTED, null, null, null, null, -1, -1, "no such discrepancy",
            found.describe(topics.discrepancies(), published[1])));
      }
    }
    checkCheckpoints(settled);
  }

  /** Once every input everywhere is decided: each order id's claim in order-owners is the one the rules made. */
  public void compareOwners() {
    Map<String, String> expected = rules.owners();
    if (ownersToCheck == null) {
      expected.keySet().forEach(this::compareOwner);
      owners.keySet().stream().filter(orderId -> !expected.containsKey(orderId)).forEach(this::compareOwner);
    } else {
      ownersToCheck.forEach(this::compareOwner);
    }
    ownersToCheck = new HashSet<>();
  }

  private void compareOwner(String orderId) {
    String expected = rules.owners().get(orderId);
    String published = owners.get(orderId);
    if (expected != null) {
      if (partner != null && !partner.equals(expected)) {
        return;
      }
      ownersChecked++;
      if (published == null) {
        findings.add(new Difference(Difference.Kind.OWNER_MISSING, expected, orderId, null, null, -1, -1, expected, "none"));
      } else if (!published.equals(expected)) {
        findings.add(new Difference(Difference.Kind.OWNER_DIFFERS, expected, orderId, null, null, -1, -1, expected, published));
      }
    } else if (published != null && (partner == null || partner.equals(published))) {
      findings.add(new Difference(Difference.Kind.OWNER_UNEXPECTED, published, orderId, null, null, -1, -1, "no claim", published));
    }
  }

  /** Each signed checkpoint: its signature, then that the journal holds its entry with its hash. */
  private void checkCheckpoints(IntPredicate settled) {
    List<LedgerCheckpoint> later = new ArrayList<>();
    for (LedgerCheckpoint c : checkpointsToCheck) {
      if (signatures != null && !signatures.verifies(c)) {
        checkpointsChecked++;
        findings.add(new Difference(Difference.Kind.CHECKPOINT_SIGNATURE, c.getPartnerId(), null, c.getCurrency(), c.getSequence(), -1, -1,
            "a signature by the ledger's key", "signature " + c.getSignature() + " (key " + c.getKeyId() + ")"));
        continue;
      }
      WalletJournal published = journal.get(c.getPartnerId() + "|" + c.getCurrency());
      if (published == null || !published.has(c.getSequence())) {
        if (settled.test(PartnerId.partitionOf(c.getPartnerId(), inputPartitions))) {
          checkpointsChecked++;
          findings.add(new Difference(Difference.Kind.CHECKPOINT_BEYOND_JOURNAL, c.getPartnerId(), null, c.getCurrency(), c.getSequence(), -1,
              -1, "entry " + c.getSequence() + " with hash " + c.getHash(), published == null ? "no such wallet"
              : "the journal ends at sequence " + published.count));
        } else {
          later.add(c); // its entries may still be on their way
        }
        continue;
      }
      checkpointsChecked++;
      if (published.hashPrefixes[(int) (c.getSequence() - 1)] != hashPrefix(c.getHash())) {
        findings.add(new Difference(Difference.Kind.CHECKPOINT_MISMATCH, c.getPartnerId(), null, c.getCurrency(), c.getSequence(), -1, -1,
            "hash " + c.getHash() + " (signed)", found.describe(topics.journal(), published.position(c.getSequence()))));
      }
    }
    checkpointsToCheck.clear();
    checkpointsToCheck.addAll(later);
  }

  private static long[] newView() {
    return new long[] {NONE, 0, 0, 0, NONE, 0};
  }

  /** Each order whose view the rules changed: the published latest view must be that one, or newer (checked later). */
  private void compareViews() {
    for (String order : touched) {
      viewsChecked++;
      long[] view = views.get(order);
      String partnerId = order.substring(0, order.indexOf('/'));
      String orderId = order.substring(order.indexOf('/') + 1);
      boolean published = view[PUBLISHED_VERSION] != NONE;
      if (!published || view[PUBLISHED_VERSION] < view[EXPECTED_VERSION]) {
        findings.add(new Difference(Difference.Kind.VIEW_MISSING, partnerId, orderId, null, null, -1, -1, "version " + view[EXPECTED_VERSION],
            published ? "version " + view[PUBLISHED_VERSION] : "none"));
      } else if (view[PUBLISHED_VERSION] == view[EXPECTED_VERSION] && view[PUBLISHED_FINGERPRINT] != view[EXPECTED_FINGERPRINT]) {
        findings.add(new Difference(Difference.Kind.VIEW_DIFFERS, partnerId, orderId, null, null, -1, -1, "version " + view[EXPECTED_VERSION],
            found.describe(topics.views(), view[PUBLISHED_AT])));
      }
    }
    touched.clear();
  }

  /** A decision published for an input that this verify has already passed without expecting one. */
  private void reportDecisionsOfInputsAlreadyPassed(Map<Integer, Long> verifiedEnd) {
    List<Long> stray = new ArrayList<>();
    decisions.forEach((position, fingerprint) -> {
      Long end = verifiedEnd.get(Positions.partition(position));
      if (end != null && Positions.offset(position) < end) {
        stray.add(position);
      }
    });
    for (long position : stray) {
      decisions.remove(position, 0);
      findings.add(new Difference(Difference.Kind.DECISION_UNEXPECTED, partner, null, null, null, Positions.partition(position),
          Positions.offset(position), "no decision (no such input record)", found.describe(topics.decisions(), decisionAt.remove(position, -1))));
    }
  }

  /** A record of another partner under --partner: what was published for it is not this verify's to match. */
  private void dropPublished(long position) {
    decisions.remove(position, 0);
    decisionAt.remove(position, 0);
    rejects.remove(position, 0);
    rejectAt.remove(position, 0);
  }

  private boolean mine(String partnerId, int inputPartition) {
    return partner == null || partner.equals(partnerId) || inputPartition == PartnerId.partitionOf(partner, inputPartitions);
  }

  /** The first 64 bits of a hex hash: enough to tell a checkpoint's entry from another. Not hex at all: -1. */
  private static long hashPrefix(String hash) {
    if (hash == null || hash.length() < 16) {
      return -1;
    }
    try {
      return Long.parseUnsignedLong(hash.substring(0, 16), 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
