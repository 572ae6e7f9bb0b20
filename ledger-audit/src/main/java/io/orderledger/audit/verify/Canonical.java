package io.orderledger.audit.verify;

import io.orderledger.audit.rules.Expected;
import io.orderledger.events.DecisionMovement;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import java.util.List;
import org.apache.avro.SchemaNormalization;

/**
 * One text form for each kind of output, written from what the ledger published and from what the independent rules
 * expect ({@link io.orderledger.audit.rules.IndependentLedger}): the verify compares the two forms' fingerprints, and
 * shows the two texts where they differ. Every field the rules decide is in it; fields that only copy the input's
 * (its source, changed fields) are not.
 */
public final class Canonical {

  private Canonical() {
  }

  public static String entry(WalletEntry e) {
    return entry(e.getEntryId(), e.getPartnerId(), e.getOrderId(), e.getEventId(), name(e.getKind()), name(e.getDirection()), e.getAmountMinor(),
        e.getCurrency(), e.getBalanceBeforeMinor(), e.getBalanceAfterMinor(), e.getSequence(), e.getRecipientIndex(), e.getOccurredAt(),
        e.getBookedAt(), e.getPreviousHash(), e.getHash());
  }

  public static String entry(Expected.Movement m) {
    return entry(m.entryId(), m.partnerId(), m.orderId(), m.eventId(), m.kind(), m.direction(), m.amountMinor(), m.currency(),
        m.balanceBeforeMinor(), m.balanceAfterMinor(), m.sequence(), m.recipientIndex(), m.occurredAt(), m.bookedAt(), m.previousHash(),
        m.hash());
  }

  private static String entry(String entryId, String partner, String order, String event, String kind, String direction, long amount,
                              String currency, long before, long after, long sequence, Integer recipient, long occurredAt, long bookedAt,
                              String previousHash, String hash) {
    return "#" + sequence + " " + kind + " " + direction + " " + amount + " " + currency + " " + before + "->" + after + " id=" + entryId
        + " partner=" + partner + " order=" + order + " event=" + event + " recipient=" + recipient + " occurred=" + occurredAt
        + " booked=" + bookedAt + " previous=" + previousHash + " hash=" + hash;
  }

  public static String decision(LedgerDecisionRecord d) {
    StringBuilder movements = new StringBuilder("[");
    for (DecisionMovement m : d.getMovements()) {
      movement(movements, m.getEntryId(), name(m.getKind()), name(m.getDirection()), m.getAmountMinor(), m.getCurrency(),
          m.getBalanceBeforeMinor(), m.getBalanceAfterMinor(), m.getSequence(), m.getHash());
    }
    return decision(d.getPartnerId(), d.getOrderId(), d.getEventId(), name(d.getDecision()), name(d.getRejectReason()),
        name(d.getStateBefore()), name(d.getStateAfter()), name(d.getEventState()), d.getVersionBefore(), d.getVersionAfter(), d.getDecidedAt(),
        d.getAmountMinor(), d.getCurrency(), movements.append(']').toString(), d.getDiscrepancies().stream().map(Enum::name).toList());
  }

  public static String decision(Expected.Decision d) {
    StringBuilder movements = new StringBuilder("[");
    for (Expected.Movement m : d.movements()) {
      movement(movements, m.entryId(), m.kind(), m.direction(), m.amountMinor(), m.currency(), m.balanceBeforeMinor(), m.balanceAfterMinor(),
          m.sequence(), m.hash());
    }
    return decision(d.partnerId(), d.orderId(), d.eventId(), d.kind(), d.reason(), d.stateBefore(), d.stateAfter(), d.eventState(),
        d.versionBefore(), d.versionAfter(), d.decidedAt(), d.amountMinor(), d.currency(), movements.append(']').toString(), d.discrepancyKinds());
  }

  private static void movement(StringBuilder out, String entryId, String kind, String direction, long amount, String currency, long before,
                               long after, long sequence, String hash) {
    if (out.length() > 1) {
      out.append(", ");
    }
    out.append('#').append(sequence).append(' ').append(kind).append(' ').append(direction).append(' ').append(amount).append(' ')
        .append(currency).append(' ').append(before).append("->").append(after).append(" id=").append(entryId).append(" hash=").append(hash);
  }

  private static String decision(String partner, String order, String event, String kind, String reason, String stateBefore,
                                 String stateAfter, String eventState, long versionBefore, long versionAfter, long decidedAt, Long amount,
                                 String currency, String movements, List<String> discrepancies) {
    return kind + (reason == null ? "" : " " + reason) + " " + stateBefore + ">" + stateAfter + " (event says " + eventState + ") v"
        + versionBefore + ">" + versionAfter + " at " + decidedAt + " amount=" + amount + " " + currency + " partner=" + partner + " order="
        + order + " event=" + event + " movements=" + movements + " discrepancies=" + discrepancies;
  }

  public static String view(OrderView v) {
    return view(v.getPartnerId(), v.getOrderId(), v.getVersion(), v.getLastEventId(), v.getFirstSeenAt(), name(v.getOrder().getState()),
        v.getOrder().getAmountMinor(), v.getOrder().getCurrency(), v.getWalletBalanceBeforeMinor(), v.getWalletBalanceAfterMinor(),
        v.getRefundedMinor(), v.getBookedAt());
  }

  public static String view(Expected.View v) {
    return view(v.partnerId(), v.orderId(), v.version(), v.lastEventId(), v.firstSeenAt(), v.state(), v.amountMinor(), v.currency(),
        v.walletBalanceBeforeMinor(), v.walletBalanceAfterMinor(), v.refundedMinor(), v.bookedAt());
  }

  private static String view(String partner, String order, long version, String lastEvent, long firstSeenAt, String state, Long amount,
                             String currency, Long before, Long after, long refunded, long bookedAt) {
    return "v" + version + " " + state + " " + amount + " " + currency + " balance " + before + "->" + after + " refunded " + refunded
        + " last=" + lastEvent + " firstSeen=" + firstSeenAt + " booked=" + bookedAt + " partner=" + partner + " order=" + order;
  }

  public static String discrepancy(WalletDiscrepancy d) {
    return discrepancy(name(d.getKind()), d.getPartnerId(), d.getOrderId(), d.getEventId(), d.getCurrency(), d.getAmountMinor(),
        d.getPreviousAmountMinor(), d.getComputedBalanceBeforeMinor(), d.getComputedBalanceAfterMinor(), d.getSourceBalanceBeforeMinor(),
        d.getSourceBalanceAfterMinor(), d.getSourceSelfConsistent(), d.getOccurredAt());
  }

  public static String discrepancy(Expected.Discrepancy d) {
    return discrepancy(d.kind(), d.partnerId(), d.orderId(), d.eventId(), d.currency(), d.amountMinor(), d.previousAmountMinor(),
        d.computedBalanceBeforeMinor(), d.computedBalanceAfterMinor(), d.sourceBalanceBeforeMinor(), d.sourceBalanceAfterMinor(),
        d.sourceSelfConsistent(), d.occurredAt());
  }

  private static String discrepancy(String kind, String partner, String order, String event, String currency, Long amount, Long previous,
                                    long computedBefore, long computedAfter, Long sourceBefore, Long sourceAfter, boolean selfConsistent,
                                    long occurredAt) {
    return kind + " " + previous + "->" + amount + " " + currency + " computed " + computedBefore + "->" + computedAfter + " source "
        + sourceBefore + "->" + sourceAfter + (selfConsistent ? "" : " (source inconsistent)") + " occurred=" + occurredAt + " partner="
        + partner + " order=" + order + " event=" + event;
  }

  /** A 64-bit fingerprint of a text form: what the verify keeps of each published output. */
  public static long fingerprint(String canonical) {
    return SchemaNormalization.fingerprint64(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
