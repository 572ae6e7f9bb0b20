package io.orderledger.ledger.model;

import io.orderledger.events.DiscrepancyKind;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderView;
import io.orderledger.events.RejectedEvent;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.topic.OrderKey;

/** The topology's outputs in the textual form {@link ReferenceLedger} produces, so the two can be compared. */
public final class Describe {

  private Describe() {
  }

  public static String view(OrderKey key, OrderView v) {
    return key.asText() + " v" + v.getVersion() + " " + v.getOrder().getState() + " " + v.getWalletBalanceBeforeMinor() + "->"
        + v.getWalletBalanceAfterMinor() + " refunded " + v.getRefundedMinor() + " last " + v.getLastEventId() + " at " + v.getBookedAt();
  }

  public static String entry(WalletEntry e) {
    return e.getKind() + " " + e.getEntryId() + " " + e.getBalanceBeforeMinor() + "->" + e.getBalanceAfterMinor() + " "
        + e.getAmountMinor() + " at " + e.getBookedAt() + " #" + e.getSequence();
  }

  public static String reject(RejectedEvent r) {
    return r.getEvent() == null ? r.getReason().name() : r.getReason() + " " + r.getEvent().getEventId();
  }

  public static String discrepancy(WalletDiscrepancy d) {
    String amounts = d.getKind() == DiscrepancyKind.SOURCE_BALANCE ? "" : " " + d.getPreviousAmountMinor() + "->" + d.getAmountMinor();
    return d.getOrderId() + " " + d.getKind() + amounts + " computed " + d.getComputedBalanceBeforeMinor() + "->"
        + d.getComputedBalanceAfterMinor();
  }

  public static String decision(LedgerDecisionRecord d) {
    String what = d.getRejectReason() == null ? d.getDecision().name() : d.getDecision() + " " + d.getRejectReason();
    return d.getEventId() + " " + what + " " + (d.getStateBefore() == null ? "none" : d.getStateBefore()) + ">"
        + (d.getStateAfter() == null ? "none" : d.getStateAfter()) + " v" + d.getVersionBefore() + ">" + d.getVersionAfter() + " "
        + d.getMovements().stream().map(m -> "#" + m.getSequence()).toList();
  }
}
