package io.orderledger.ledger.rules;

import io.orderledger.events.BulkRecipient;
import io.orderledger.events.MoneyFlow;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.RejectReason;
import io.orderledger.events.money.MinorUnits;
import io.orderledger.events.state.AppliedEvent;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.topic.PartnerId;
import io.orderledger.ledger.rules.LedgerDecision.AlreadyApplied;
import io.orderledger.ledger.rules.LedgerDecision.Reject;

/**
 * Decides what one event does, given what the ledger knows of its order. Pure: no I/O, no clock.
 *
 * <p>Checks run in this order, and the first that fails names the rejection: the event must be well-formed (partner id,
 * key, consistent ids and state, amount, currency, a known money flow); the order must not belong to another partner; a
 * known event id is a re-delivery (ignored) or a conflicting payload; an event older than the order's last change is
 * stale; a move back to an earlier state is the source's correction; the state change must be allowed; the currency
 * must not change. Then {@link MoneyPlan} says which wallet movements follow.
 */
public final class OrderDecider {

  private OrderDecider() {
  }

  /**
   * @param recordKey the Kafka key the event arrived under (must be its partner id), or null
   * @param current what the ledger holds for this order id on this partition, or null for a new order
   * @param knownOwner the partner that already claimed this order id elsewhere in the cluster, or null
   * @param payloadHash {@link PayloadHash} of the event
   */
  public static LedgerDecision decide(OrderEvent event, String recordKey, LedgerOrderState current, String knownOwner, long payloadHash) {
    Reject malformed = checkWellFormed(event, recordKey);
    if (malformed != null) {
      return malformed;
    }
    String owner = current != null ? current.getPartnerId() : knownOwner;
    if (owner != null && !owner.equals(event.getPartnerId())) {
      return new Reject(RejectReason.ORDER_OWNED_BY_ANOTHER_PARTNER,
          "order " + event.getOrderId() + " belongs to another partner");
    }
    if (current == null) {
      return MoneyPlan.plan(event, null);
    }
    for (AppliedEvent applied : current.getAppliedEvents()) {
      if (applied.getEventId().equals(event.getEventId())) {
        return applied.getPayloadHash() == payloadHash
            ? new AlreadyApplied()
            : new Reject(RejectReason.DUPLICATE_EVENT_DIFFERENT_PAYLOAD,
                "event " + event.getEventId() + " was applied before with a different payload");
      }
    }
    if (event.getOccurredAt() < current.getUpdatedAt()) {
      return new Reject(RejectReason.STALE_EVENT, "occurredAt " + event.getOccurredAt()
          + " is older than the order's last change at " + current.getUpdatedAt());
    }
    if (OrderLifecycle.isBackwards(current.getState(), event.getState())) {
      return new Reject(RejectReason.SOURCE_CORRECTION, "the source moved order " + event.getOrderId() + " back from "
          + current.getState() + " to " + event.getState() + "; the ledger keeps " + current.getState());
    }
    if (!OrderLifecycle.canMove(current.getState(), event.getState())) {
      return new Reject(RejectReason.INVALID_TRANSITION,
          "order " + event.getOrderId() + " cannot go from " + current.getState() + " to " + event.getState());
    }
    if (!current.getCurrency().equals(event.getOrder().getCurrency())) {
      return new Reject(RejectReason.CURRENCY_MISMATCH,
          "order was charged in " + current.getCurrency() + ", event says " + event.getOrder().getCurrency());
    }
    return MoneyPlan.plan(event, current);
  }

  private static Reject checkWellFormed(OrderEvent event, String recordKey) {
    OrderSnapshot order = event.getOrder();
    if (!PartnerId.isValid(event.getPartnerId())) {
      return new Reject(RejectReason.INVALID_PARTNER_ID, "partner id '" + event.getPartnerId() + "' is not valid");
    }
    if (!event.getPartnerId().equals(recordKey)) {
      return new Reject(RejectReason.KEY_MISMATCH, "record key '" + recordKey + "' is not the event's partner "
          + event.getPartnerId() + ": the event may sit on another partner's partition");
    }
    if (!event.getOrderId().equals(order.getOrderId()) || event.getState() != order.getState()) {
      return new Reject(RejectReason.INCONSISTENT_EVENT, "event and snapshot disagree on order id or state");
    }
    if (!OrderLifecycle.isKnown(event.getState())) {
      return new Reject(RejectReason.UNKNOWN_STATE, "state " + event.getState() + " is not one this ledger knows");
    }
    Long amount = order.getAmountMinor();
    if (amount == null) {
      return new Reject(RejectReason.MISSING_AMOUNT, "order " + event.getOrderId() + " has no amount");
    }
    if (amount < 0) {
      return new Reject(RejectReason.NEGATIVE_AMOUNT, "order amount " + amount + " is negative");
    }
    if (order.getBulkRecipients() != null) {
      for (BulkRecipient recipient : order.getBulkRecipients()) {
        if (recipient.getAmountMinor() < 0) {
          return new Reject(RejectReason.NEGATIVE_AMOUNT, "a bulk recipient's amount " + recipient.getAmountMinor() + " is negative");
        }
      }
    }
    if (!MinorUnits.isKnownCurrency(order.getCurrency())) {
      return new Reject(RejectReason.INVALID_CURRENCY, "'" + order.getCurrency() + "' is not an ISO 4217 currency");
    }
    if (event.getMoneyFlow() != MoneyFlow.PURCHASE && event.getMoneyFlow() != MoneyFlow.SALE) {
      // Fail closed: a flow this ledger cannot name (a newer writer's symbol reads UNKNOWN) never moves money.
      return new Reject(RejectReason.UNKNOWN_MONEY_FLOW, "money flow " + event.getMoneyFlow() + " is not one this ledger knows");
    }
    if (order.getOrderType() == null || order.getOrderType() == OrderType.UNKNOWN) {
      // The same: a top-up is credited and anything else a purchase debits; a type this ledger cannot name is neither.
      return new Reject(RejectReason.UNKNOWN_ORDER_TYPE, "order type " + order.getOrderType() + " is not one this ledger knows");
    }
    return null;
  }
}
