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
   * @param plan what the event does to the order's money
   * @param entries the journal entries the event caused (from {@link WalletFold})
   * @param bookedAt the partner's time for this input ({@link PartnerClock})
   */
  public static LedgerOrderState evolve(LedgerOrderState current, OrderEvent event, long payloadHash, LedgerDecision.Apply plan,
                                        List<WalletEntry> entries, long bookedAt) {
    // Built field by field: Avro builders deep-copy every field, which is measurable once per event.
    LedgerOrderState next = new LedgerOrderState();
    if (current == null) {
      next.setPartnerId(event.getPartnerId());
      next.setOrderId(event.getOrderId());
      next.setCurrency(event.getOrder().getCurrency());
      next.setCharged(false);
      next.setRefundedMinor(0);
      next.setRefundedRecipients(new ArrayList<>(0));
      next.setFirstSeenAt(event.getObservedAt());
      next.setVersion(0);
      next.setUpdatedAt(event.getOccurredAt());
      next.setAppliedEvents(new ArrayList<>(4));
      next.setSourceBalancesChecked(false);
      next.setMoneyFlow(event.getMoneyFlow());
      next.setBookedAt(bookedAt);
    } else {
      next.setPartnerId(current.getPartnerId());
      next.setOrderId(current.getOrderId());
      next.setCurrency(current.getCurrency());
      next.setCharged(current.getCharged());
      next.setRefundedMinor(current.getRefundedMinor());
      next.setRefundedRecipients(new ArrayList<>(current.getRefundedRecipients()));
      next.setWalletBalanceBeforeMinor(current.getWalletBalanceBeforeMinor());
      next.setWalletBalanceAfterMinor(current.getWalletBalanceAfterMinor());
      next.setFirstSeenAt(current.getFirstSeenAt());
      next.setVersion(current.getVersion());
      next.setUpdatedAt(current.getUpdatedAt());
      List<AppliedEvent> applied = new ArrayList<>(current.getAppliedEvents().size() + 1);
      applied.addAll(current.getAppliedEvents());
      next.setAppliedEvents(applied);
      next.setSourceBalancesChecked(current.getSourceBalancesChecked());
      next.setMoneyFlow(current.getMoneyFlow());
      next.setBookedAt(Math.max(bookedAt, current.getBookedAt()));
    }
    next.setChargedMinor(plan.bookedMinor());

    for (WalletEntry entry : entries) {
      switch (entry.getKind()) {
        case ORDER_DEBIT, TOP_UP_CREDIT, SALE_CREDIT -> {
          next.setCharged(true);
          next.setWalletBalanceBeforeMinor(entry.getBalanceBeforeMinor());
          next.setWalletBalanceAfterMinor(entry.getBalanceAfterMinor());
        }
        case BULK_RECIPIENT_REFUND -> {
          next.setRefundedMinor(next.getRefundedMinor() + entry.getAmountMinor());
          next.getRefundedRecipients().add(entry.getRecipientIndex());
        }
        case ORDER_REFUND, TOP_UP_REVERSAL, SALE_REVERSAL -> next.setRefundedMinor(next.getRefundedMinor() + entry.getAmountMinor());
        case ADJUSTMENT_DEBIT, ADJUSTMENT_CREDIT ->
          // The booked amount moved (plan.bookedMinor): the seed's walletBalanceAfter follows it, so that
          // before - after is always what the order is booked at; the journal keeps each movement's own balances.
          next.setWalletBalanceAfterMinor(next.getWalletBalanceAfterMinor() + entry.getBalanceAfterMinor() - entry.getBalanceBeforeMinor());
        case UNKNOWN -> throw new IllegalStateException("journal entry without a kind: " + entry.getEntryId());
      }
    }
    next.getAppliedEvents().add(new AppliedEvent(event.getEventId(), payloadHash));
    next.setState(event.getState());
    next.setOrderType(event.getOrder().getOrderType());
    next.setUpdatedAt(Math.max(next.getUpdatedAt(), event.getOccurredAt()));
    next.setVersion(next.getVersion() + 1);
    next.setLastEventId(event.getEventId());
    return next;
  }

  /** The published view: the event's snapshot with the ledger's own figures beside it. */
  public static OrderView view(LedgerOrderState state, OrderEvent event) {
    return new OrderView(state.getPartnerId(), state.getOrderId(), state.getVersion(), state.getLastEventId(),
        state.getFirstSeenAt(), event.getOrder(), state.getWalletBalanceBeforeMinor(), state.getWalletBalanceAfterMinor(),
        state.getRefundedMinor(), state.getBookedAt());
  }
}
