package io.orderledger.ledger.rules;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.state.AppliedEvent;
import io.orderledger.events.state.LedgerOrderState;
import java.util.ArrayList;
import java.util.List;

/** What the ledger remembers of an order after applying an event, and the view it publishes. */
public final class OrderFold {

  private OrderFold() {
  }

  /**
   * @param current the order before the event, or null when it is new
   * @param entries the journal entries the event caused (from {@link WalletFold})
   */
  public static LedgerOrderState evolve(LedgerOrderState current, OrderEvent event, long payloadHash, List<WalletEntry> entries) {
    LedgerOrderState.Builder next = current == null
        ? LedgerOrderState.newBuilder()
            .setPartnerId(event.getPartnerId())
            .setOrderId(event.getOrderId())
            .setCurrency(event.getOrder().getCurrency())
            .setChargedMinor(0)
            .setCharged(false)
            .setRefundedMinor(0)
            .setRefundedRecipients(new ArrayList<>())
            .setFirstSeenAt(event.getObservedAt())
            .setVersion(0)
            .setUpdatedAt(event.getOccurredAt())
            .setAppliedEvents(new ArrayList<>())
            .setSourceBalancesChecked(false)
        : LedgerOrderState.newBuilder(current)
            .setRefundedRecipients(new ArrayList<>(current.getRefundedRecipients()))
            .setAppliedEvents(new ArrayList<>(current.getAppliedEvents()));

    for (WalletEntry entry : entries) {
      switch (entry.getKind()) {
        case ORDER_DEBIT, TOP_UP_CREDIT -> {
          next.setCharged(true);
          next.setChargedMinor(entry.getAmountMinor());
          next.setWalletBalanceBeforeMinor(entry.getBalanceBeforeMinor());
          next.setWalletBalanceAfterMinor(entry.getBalanceAfterMinor());
        }
        case BULK_RECIPIENT_REFUND -> {
          next.setRefundedMinor(next.getRefundedMinor() + entry.getAmountMinor());
          next.getRefundedRecipients().add(entry.getRecipientIndex());
        }
        case ORDER_REFUND, TOP_UP_REVERSAL -> next.setRefundedMinor(next.getRefundedMinor() + entry.getAmountMinor());
        case UNKNOWN -> throw new IllegalStateException("journal entry without a kind: " + entry.getEntryId());
      }
    }
    next.getAppliedEvents().add(new AppliedEvent(event.getEventId(), payloadHash));
    return next
        .setState(event.getState())
        .setOrderType(event.getOrder().getOrderType())
        .setUpdatedAt(Math.max(next.getUpdatedAt(), event.getOccurredAt()))
        .setVersion(next.getVersion() + 1)
        .setLastEventId(event.getEventId())
        .build();
  }

  /** The published view: the event's snapshot with the ledger's own figures beside it. */
  public static OrderView view(LedgerOrderState state, OrderEvent event) {
    return OrderView.newBuilder()
        .setPartnerId(state.getPartnerId())
        .setOrderId(state.getOrderId())
        .setVersion(state.getVersion())
        .setLastEventId(state.getLastEventId())
        .setFirstSeenAt(state.getFirstSeenAt())
        .setOrder(event.getOrder())
        .setWalletBalanceBeforeMinor(state.getWalletBalanceBeforeMinor())
        .setWalletBalanceAfterMinor(state.getWalletBalanceAfterMinor())
        .setRefundedMinor(state.getRefundedMinor())
        .build();
  }
}
