package io.orderledger.ledger.rules;

import io.orderledger.events.BulkRecipient;
import io.orderledger.events.DiscrepancyKind;
import io.orderledger.events.MoneyFlow;
import io.orderledger.events.MovementKind;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.state.LedgerOrderState;
import java.util.ArrayList;
import java.util.List;

/**
 * Which wallet movements an accepted event calls for (DESIGN.md, "Ledger rules"). An order moves money one of two
 * ways:
 *
 * <ul>
 *   <li><b>Debit first</b>: an order of a purchase source (the partner buys from the provider), top-ups aside. Debited
 *       ({@code ORDER_DEBIT}) when first seen, whatever its state; refunded ({@code ORDER_REFUND}) what is left when it
 *       fails or is reversed; a bulk order refunds each failed recipient ({@code BULK_RECIPIENT_REFUND}).
 *   <li><b>Credit on success</b>: a top-up of a purchase source, and every order of a sale source (the partner's
 *       customers pay the partner). Credited ({@code TOP_UP_CREDIT}, {@code SALE_CREDIT}) when it completes; taken
 *       back ({@code TOP_UP_REVERSAL}, {@code SALE_REVERSAL}) when it is reversed. Reversed without having been seen
 *       completed means it completed in between: credited and taken back. A failure before success moves nothing; a
 *       failure after it (a cancellation after delivery) takes the credit back as a reversal does.
 * </ul>
 *
 * An amount change of an order already booked, while the order is live, is booked as the difference
 * ({@code ADJUSTMENT_DEBIT} or {@code ADJUSTMENT_CREDIT}, each way as the order's own flow) and recorded as a
 * discrepancy. A refund or reversal gives back what was booked and no more: a different amount on it is a
 * discrepancy, never a balance the events did not earn.
 */
final class MoneyPlan {

  private MoneyPlan() {
  }

  /** The money flow of an order: fixed by its first event. */
  static MoneyFlow flowOf(OrderEvent event, LedgerOrderState current) {
    return current != null ? current.getMoneyFlow() : event.getMoneyFlow();
  }

  static LedgerDecision.Apply plan(OrderEvent event, LedgerOrderState current) {
    OrderSnapshot order = event.getOrder();
    boolean creditOnSuccess = flowOf(event, current) == MoneyFlow.SALE || order.getOrderType() == OrderType.TOP_UP;
    return creditOnSuccess ? creditOnSuccess(event, current) : debitFirst(event, current);
  }

  private static LedgerDecision.Apply debitFirst(OrderEvent event, LedgerOrderState current) {
    OrderSnapshot order = event.getOrder();
    OrderState state = event.getState();
    long amount = order.getAmountMinor();
    long booked = current != null ? current.getChargedMinor() : 0;
    long refunded = current != null ? current.getRefundedMinor() : 0;
    List<PlannedMovement> movements = new ArrayList<>(2);
    List<PlannedDiscrepancy> discrepancies = new ArrayList<>(1);

    if (current == null || !current.getCharged()) {
      booked = amount;
      movements.add(new PlannedMovement(MovementKind.ORDER_DEBIT, booked, null));
    } else if (amount != booked) {
      discrepancies.add(new PlannedDiscrepancy(DiscrepancyKind.AMOUNT_CHANGED, booked, amount));
      if (isLive(current.getState()) && !OrderLifecycle.isFinal(state)) {
        movements.add(amount > booked
            ? new PlannedMovement(MovementKind.ADJUSTMENT_DEBIT, amount - booked, null)
            : new PlannedMovement(MovementKind.ADJUSTMENT_CREDIT, booked - amount, null));
        booked = amount;
      }
    }
    List<BulkRecipient> recipients = order.getBulkRecipients();
    if (recipients != null) {
      List<Integer> alreadyRefunded = current != null ? current.getRefundedRecipients() : List.of();
      for (int i = 0; i < recipients.size(); i++) {
        if (recipients.get(i).getStatus() == OrderState.FAILED && !alreadyRefunded.contains(i)) {
          // Never refund more than was booked, whatever the recipients' amounts add up to.
          long refund = Math.min(recipients.get(i).getAmountMinor(), booked - refunded);
          movements.add(new PlannedMovement(MovementKind.BULK_RECIPIENT_REFUND, refund, i));
          refunded += refund;
        }
      }
    }
    if (OrderLifecycle.isFinal(state) && booked > refunded) {
      movements.add(new PlannedMovement(MovementKind.ORDER_REFUND, booked - refunded, null));
    }
    return new LedgerDecision.Apply(movements, booked, discrepancies);
  }

  private static LedgerDecision.Apply creditOnSuccess(OrderEvent event, LedgerOrderState current) {
    boolean sale = flowOf(event, current) == MoneyFlow.SALE;
    MovementKind credit = sale ? MovementKind.SALE_CREDIT : MovementKind.TOP_UP_CREDIT;
    MovementKind reversal = sale ? MovementKind.SALE_REVERSAL : MovementKind.TOP_UP_REVERSAL;
    OrderState state = event.getState();
    long amount = event.getOrder().getAmountMinor();
    boolean credited = current != null && current.getCharged();
    long booked = credited ? current.getChargedMinor() : 0;
    long takenBack = current != null ? current.getRefundedMinor() : 0;
    List<PlannedMovement> movements = new ArrayList<>(2);
    List<PlannedDiscrepancy> discrepancies = new ArrayList<>(1);

    // A credited order that ends failed was cancelled after it succeeded: taken back like a reversal.
    boolean takingBack = state == OrderState.REVERSED || state == OrderState.FAILED;
    if (!credited && (state == OrderState.COMPLETED || state == OrderState.REVERSED)) {
      booked = amount;
      credited = true;
      movements.add(new PlannedMovement(credit, booked, null));
    } else if (credited && amount != booked) {
      boolean reversing = takingBack && isLive(current.getState());
      discrepancies.add(new PlannedDiscrepancy(reversing && amount > booked - takenBack
          ? DiscrepancyKind.REFUND_EXCEEDS_CREDIT : DiscrepancyKind.AMOUNT_CHANGED, booked, amount));
      if (isLive(current.getState()) && state != OrderState.REVERSED && state != OrderState.FAILED) {
        movements.add(amount > booked
            ? new PlannedMovement(MovementKind.ADJUSTMENT_CREDIT, amount - booked, null)
            : new PlannedMovement(MovementKind.ADJUSTMENT_DEBIT, booked - amount, null));
        booked = amount;
      }
    }
    if (takingBack && credited && booked > takenBack) {
      movements.add(new PlannedMovement(reversal, booked - takenBack, null));
    }
    return new LedgerDecision.Apply(movements, credited ? booked : 0, discrepancies);
  }

  /** An order whose money can still move: not failed or reversed. */
  private static boolean isLive(OrderState state) {
    return !OrderLifecycle.isFinal(state);
  }
}
