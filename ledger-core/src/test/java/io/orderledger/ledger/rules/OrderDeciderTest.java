package io.orderledger.ledger.rules;

import static io.orderledger.events.OrderState.COMPLETED;
import static io.orderledger.events.OrderState.FAILED;
import static io.orderledger.events.OrderState.PENDING;
import static io.orderledger.events.OrderState.PROCESSING;
import static io.orderledger.events.OrderState.REVERSED;
import static io.orderledger.events.fixtures.Events.event;
import static io.orderledger.events.fixtures.Events.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.MoneyFlow;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderState;
import io.orderledger.events.RejectReason;
import io.orderledger.events.fixtures.Events;
import io.orderledger.events.state.LedgerOrderState;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderDeciderTest {

  private static final String PARTNER = "partner-a";

  private static LedgerOrderState stateAfter(OrderEvent... events) {
    LedgerOrderState state = null;
    for (OrderEvent e : events) {
      long hash = PayloadHash.of(e);
      LedgerDecision.Apply apply = (LedgerDecision.Apply) OrderDecider.decide(e, e.getPartnerId(), state, null, hash);
      state = OrderLedger.apply(state, e, hash, apply, null, e.getObservedAt()).order();
    }
    return state;
  }

  private static RejectReason reasonFor(OrderEvent e, LedgerOrderState current) {
    return reasonFor(e, e.getPartnerId(), current, null);
  }

  private static RejectReason reasonFor(OrderEvent e, String key, LedgerOrderState current, String owner) {
    LedgerDecision decision = OrderDecider.decide(e, key, current, owner, PayloadHash.of(e));
    return decision instanceof LedgerDecision.Reject reject ? reject.reason() : null;
  }

  @Test
  void callsCompletedToPendingTheSourcesCorrection() {
    LedgerOrderState completed = stateAfter(event(PARTNER, "o1", null, COMPLETED, 425, 10));

    assertThat(reasonFor(event(PARTNER, "o1", COMPLETED, PENDING, 425, 11), completed)).isEqualTo(RejectReason.SOURCE_CORRECTION);
    assertThat(reasonFor(event(PARTNER, "o1", COMPLETED, PROCESSING, 425, 11), completed)).isEqualTo(RejectReason.SOURCE_CORRECTION);
  }

  @Test
  void acceptsACancellationAfterDelivery() {
    LedgerOrderState completed = stateAfter(event(PARTNER, "o1", null, COMPLETED, 425, 10));

    assertThat(OrderDecider.decide(event(PARTNER, "o1", COMPLETED, FAILED, 425, 11), PARTNER, completed, null, 1L))
        .isInstanceOf(LedgerDecision.Apply.class);
  }

  @Test
  void nothingLeavesFailedOrReversedAndAMoveBackIsACorrection() {
    LedgerOrderState failed = stateAfter(event(PARTNER, "o1", null, FAILED, 425, 10));
    LedgerOrderState reversed = stateAfter(event(PARTNER, "o2", null, COMPLETED, 425, 10), event(PARTNER, "o2", COMPLETED, REVERSED, 425, 11));

    for (OrderState to : List.of(PENDING, PROCESSING, COMPLETED)) {
      assertThat(reasonFor(event(PARTNER, "o1", FAILED, to, 425, 20), failed)).as("failed -> %s", to).isEqualTo(RejectReason.SOURCE_CORRECTION);
      assertThat(reasonFor(event(PARTNER, "o2", REVERSED, to, 425, 20), reversed)).as("reversed -> %s", to)
          .isEqualTo(RejectReason.SOURCE_CORRECTION);
    }
    assertThat(reasonFor(event(PARTNER, "o1", FAILED, REVERSED, 425, 20), failed)).isEqualTo(RejectReason.INVALID_TRANSITION);
    assertThat(reasonFor(event(PARTNER, "o2", REVERSED, FAILED, 425, 20), reversed)).isEqualTo(RejectReason.INVALID_TRANSITION);
  }

  @Test
  void refusesAMoneyFlowItCannotName() {
    OrderEvent unknown = OrderEvent.newBuilder(event(PARTNER, "o9", null, PENDING, 425, 10)).setMoneyFlow(MoneyFlow.UNKNOWN).build();

    assertThat(reasonFor(unknown, null)).isEqualTo(RejectReason.UNKNOWN_MONEY_FLOW);
  }

  @Test
  void refusesAnOrderTypeItCannotName() {
    OrderEvent known = event(PARTNER, "o9", null, PENDING, 425, 10);
    OrderEvent unknown = OrderEvent.newBuilder(known)
        .setOrder(io.orderledger.events.OrderSnapshot.newBuilder(known.getOrder()).setOrderType(io.orderledger.events.OrderType.UNKNOWN).build())
        .build();

    assertThat(reasonFor(unknown, null)).as("a top-up credits, a purchase debits: an unknown type moves nothing")
        .isEqualTo(RejectReason.UNKNOWN_ORDER_TYPE);
  }

  @Test
  void acceptsASkippedMiddleState() {
    LedgerOrderState pending = stateAfter(event(PARTNER, "o1", null, PENDING, 425, 10));

    assertThat(OrderDecider.decide(event(PARTNER, "o1", PENDING, COMPLETED, 425, 11), PARTNER, pending, null, 1L))
        .isInstanceOf(LedgerDecision.Apply.class);
  }

  @Test
  void rejectsAStaleEventBeforeJudgingItsTransition() {
    LedgerOrderState processing = stateAfter(event(PARTNER, "o1", null, PENDING, 425, 10), event(PARTNER, "o1", PENDING, PROCESSING, 425, 20));

    assertThat(reasonFor(event(PARTNER, "o1", null, COMPLETED, 425, 15), processing)).isEqualTo(RejectReason.STALE_EVENT);
  }

  @Test
  void rejectsAnotherPartnersOrderWhetherSeenHereOrElsewhere() {
    LedgerOrderState ofA = stateAfter(event(PARTNER, "o1", null, PENDING, 425, 10));
    OrderEvent fromB = event("partner-b", "o1", null, PROCESSING, 425, 11);

    assertThat(reasonFor(fromB, ofA)).isEqualTo(RejectReason.ORDER_OWNED_BY_ANOTHER_PARTNER);
    assertThat(reasonFor(fromB, "partner-b", null, PARTNER)).isEqualTo(RejectReason.ORDER_OWNED_BY_ANOTHER_PARTNER);
  }

  @Test
  void rejectsMissingAndNegativeAmounts() {
    OrderEvent missing = Events.event(PARTNER, snapshot("o1", PENDING, 0, 10).setAmountMinor(null).build(), null);
    OrderEvent negative = event(PARTNER, "o2", null, PENDING, -1, 10);
    OrderEvent negativeRecipient = Events.event(PARTNER, Events.bulkSnapshot("o3", PENDING, 10,
        List.of(Events.recipient("233", 5, PENDING), Events.recipient("234", -5, PENDING))).setAmountMinor(10L).build(), null);

    assertThat(reasonFor(missing, null)).isEqualTo(RejectReason.MISSING_AMOUNT);
    assertThat(reasonFor(negative, null)).isEqualTo(RejectReason.NEGATIVE_AMOUNT);
    assertThat(reasonFor(negativeRecipient, null)).isEqualTo(RejectReason.NEGATIVE_AMOUNT);
  }

  @Test
  void rejectsAnEventUnderAnotherPartnersKey() {
    OrderEvent e = event(PARTNER, "o1", null, PENDING, 425, 10);

    assertThat(reasonFor(e, "partner-b", null, null)).isEqualTo(RejectReason.KEY_MISMATCH);
    assertThat(reasonFor(e, null, null, null)).isEqualTo(RejectReason.KEY_MISMATCH);
  }

  @Test
  void rejectsMalformedIdentityStateAndCurrency() {
    OrderEvent badPartner = event("partner/a", "o1", null, PENDING, 425, 10);
    OrderEvent unknownState = event(PARTNER, "o1", null, OrderState.UNKNOWN, 425, 10);
    OrderEvent inconsistent = OrderEvent.newBuilder(event(PARTNER, "o1", null, PENDING, 425, 10)).setOrderId("o2").build();
    OrderEvent badCurrency = Events.event(PARTNER, snapshot("o1", PENDING, 425, 10).setCurrency("CEDI").build(), null);

    assertThat(reasonFor(badPartner, "partner/a", null, null)).isEqualTo(RejectReason.INVALID_PARTNER_ID);
    assertThat(reasonFor(unknownState, null)).isEqualTo(RejectReason.UNKNOWN_STATE);
    assertThat(reasonFor(inconsistent, null)).isEqualTo(RejectReason.INCONSISTENT_EVENT);
    assertThat(reasonFor(badCurrency, null)).isEqualTo(RejectReason.INVALID_CURRENCY);
  }

  @Test
  void rejectsACurrencyChangeMidLife() {
    LedgerOrderState ghs = stateAfter(event(PARTNER, "o1", null, PENDING, 425, 10));
    OrderEvent usd = Events.event(PARTNER, snapshot("o1", COMPLETED, 425, 11).setCurrency("USD").build(), PENDING);

    assertThat(reasonFor(usd, ghs)).isEqualTo(RejectReason.CURRENCY_MISMATCH);
  }

  @Test
  void theSameObservationHashesTheSameWhenObservedLater() {
    OrderEvent e = event(PARTNER, "o1", null, PENDING, 425, 10);

    assertThat(PayloadHash.of(OrderEvent.newBuilder(e).setObservedAt(99).build())).isEqualTo(PayloadHash.of(e));
    assertThat(PayloadHash.of(OrderEvent.newBuilder(e).setSource("other").build())).isNotEqualTo(PayloadHash.of(e));
  }

  @Test
  void anyChangeInTheSnapshotChangesTheHash() {
    OrderEvent bulk = Events.event(PARTNER, Events.bulkSnapshot("b1", PROCESSING, 10,
        List.of(Events.recipient("233", 5, PROCESSING), Events.recipient("234", 5, PROCESSING))).build(), null);
    OrderEvent recipientFailed = Events.event(PARTNER, Events.bulkSnapshot("b1", PROCESSING, 10,
        List.of(Events.recipient("233", 5, PROCESSING), Events.recipient("234", 5, FAILED))).build(), null);
    OrderEvent noMessage = Events.event(PARTNER, snapshot("o1", PENDING, 425, 10).build(), null);
    OrderEvent withMessage = Events.event(PARTNER, snapshot("o1", PENDING, 425, 10).setErrorMessage("x").build(), null);

    assertThat(PayloadHash.of(recipientFailed)).isNotEqualTo(PayloadHash.of(bulk));
    assertThat(PayloadHash.of(withMessage)).isNotEqualTo(PayloadHash.of(noMessage));
    assertThat(PayloadHash.of(OrderEvent.newBuilder(bulk).build())).isEqualTo(PayloadHash.of(bulk));
  }
}
