package io.orderledger.ledger.model;

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
        + v.getWalletBalanceAfterMinor() + " refunded " + v.getRefundedMinor() + " last " + v.getLastEventId();
  }

  public static String entry(WalletEntry e) {
    return e.getEntryId() + " " + e.getAmountMinor() + " " + e.getBalanceBeforeMinor() + "->" + e.getBalanceAfterMinor() + " #" + e.getSequence();
  }

  public static String reject(RejectedEvent r) {
    return r.getEvent() == null ? r.getReason().name() : r.getReason() + " " + r.getEvent().getEventId();
  }

  public static String discrepancy(WalletDiscrepancy d) {
    return d.getOrderId() + " computed " + d.getComputedBalanceBeforeMinor() + "->" + d.getComputedBalanceAfterMinor();
  }
}
