package io.orderledger.ledger.rules;

import static io.orderledger.events.OrderState.COMPLETED;
import static io.orderledger.events.OrderState.FAILED;
import static io.orderledger.events.OrderState.PENDING;
import static io.orderledger.events.OrderState.PROCESSING;
import static io.orderledger.events.OrderState.REVERSED;
import static io.orderledger.events.fixtures.Events.bulkSnapshot;
import static io.orderledger.events.fixtures.Events.event;
import static io.orderledger.events.fixtures.Events.recipient;
import static io.orderledger.events.fixtures.Events.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.MovementKind;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.RejectReason;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.fixtures.Events;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.state.WalletState;
import io.orderledger.events.wallet.CurrencyBalances;
import io.orderledger.events.DiscrepancyKind;
import io.orderledger.events.MoneyFlow;
import io.orderledger.events.journal.JournalChain;
import io.orderledger.events.journal.JournalVerifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wallet rules, event by event, without Kafka: a tiny in-memory driver around decide and apply. */
class OrderLedgerTest {

  private static final String PARTNER = "partner-a";

  /**
   * Feeds events through {@link LedgerStep}, the way the processor does, keeping state in fields. Each event's record
   * timestamp is its observedAt unless given.
   */
  private static final class Book implements LedgerStep.State {
    final java.util.Map<String, LedgerOrderState> orders = new java.util.HashMap<>();
    WalletState wallet;
    final List<WalletEntry> journal = new ArrayList<>();
    final List<WalletDiscrepancy> discrepancies = new ArrayList<>();
    final List<io.orderledger.events.OrderView> views = new ArrayList<>();
    final List<io.orderledger.events.LedgerDecisionRecord> decisions = new ArrayList<>();
    private long offset;

    LedgerDecision feed(OrderEvent e) {
      return feed(e, e.getObservedAt());
    }

    LedgerDecision feed(OrderEvent e, long recordTimestamp) {
      LedgerDecision decision = OrderDecider.decide(e, e.getPartnerId(), orders.get(e.getOrderId()), null, PayloadHash.of(e));
      LedgerStep.Outcome outcome = LedgerStep.fold(this, e, e.getPartnerId(), new DecisionRecords.Input("order-events", 0, offset++, recordTimestamp));
      if (outcome.order() != null) {
        orders.put(e.getOrderId(), outcome.order());
      }
      if (outcome.wallet() != null) {
        wallet = outcome.wallet();
      }
      journal.addAll(outcome.entries());
      discrepancies.addAll(outcome.discrepancies());
      if (outcome.view() != null) {
        views.add(outcome.view());
      }
      decisions.add(outcome.decision());
      return decision;
    }

    @Override
    public LedgerOrderState order(String orderId) {
      return orders.get(orderId);
    }

    @Override
    public String owner(String orderId) {
      return null;
    }

    @Override
    public WalletState wallet(String partnerId) {
      return wallet;
    }

    long balance() {
      return wallet == null ? 0 : CurrencyBalances.balance(wallet.getBalances().get("GHS"));
    }

    List<MovementKind> kinds() {
      return journal.stream().map(WalletEntry::getKind).toList();
    }
  }

  private final Book book = new Book();

  private static OrderEvent topUp(String id, OrderState state, long amount, long at) {
    return Events.event(PARTNER, snapshot(id, state, amount, at).setOrderType(OrderType.TOP_UP).build(), null);
  }

  /** An order of a sale source (Paystack): the partner's customer pays the partner. */
  private static OrderEvent sale(String id, OrderState previous, OrderState state, long amount, long at) {
    return OrderEvent.newBuilder(Events.event(PARTNER, snapshot(id, state, amount, at).setOrderType(OrderType.PRODUCT).build(), previous))
        .setMoneyFlow(MoneyFlow.SALE).build();
  }

  @Test
  void aDataOrderIsChargedWhenFirstSeenAndOnlyOnce() {
    book.feed(topUp("t1", COMPLETED, 25_000, 1));
    book.feed(event(PARTNER, "o1", null, PENDING, 425, 10));
    book.feed(event(PARTNER, "o1", PENDING, PROCESSING, 425, 11));
    book.feed(event(PARTNER, "o1", PROCESSING, COMPLETED, 425, 12));

    assertThat(book.kinds()).containsExactly(MovementKind.TOP_UP_CREDIT, MovementKind.ORDER_DEBIT);
    assertThat(book.balance()).isEqualTo(24_575);
    LedgerOrderState order = book.orders.get("o1");
    assertThat(order.getWalletBalanceBeforeMinor()).isEqualTo(25_000L);
    assertThat(order.getWalletBalanceAfterMinor()).isEqualTo(24_575L);
    assertThat(order.getVersion()).isEqualTo(3);
  }

  @Test
  void aFailedOrderIsRefundedInFull() {
    book.feed(event(PARTNER, "o1", null, PROCESSING, 425, 10));
    book.feed(event(PARTNER, "o1", PROCESSING, FAILED, 425, 11));

    assertThat(book.kinds()).containsExactly(MovementKind.ORDER_DEBIT, MovementKind.ORDER_REFUND);
    assertThat(book.balance()).isZero();
    assertThat(book.journal.get(1).getBalanceBeforeMinor()).isEqualTo(-425);
  }

  @Test
  void anOrderFirstSeenAsFailedIsChargedAndRefundedInTheSameEvent() {
    book.feed(event(PARTNER, "o1", null, FAILED, 425, 10));

    assertThat(book.kinds()).containsExactly(MovementKind.ORDER_DEBIT, MovementKind.ORDER_REFUND);
    assertThat(book.journal).extracting(WalletEntry::getSequence).containsExactly(1L, 2L);
    assertThat(book.balance()).isZero();
  }

  @Test
  void aReversalAfterCompletionRefunds() {
    book.feed(event(PARTNER, "o1", null, COMPLETED, 1_000, 10));
    book.feed(event(PARTNER, "o1", COMPLETED, REVERSED, 1_000, 20));

    assertThat(book.kinds()).containsExactly(MovementKind.ORDER_DEBIT, MovementKind.ORDER_REFUND);
    assertThat(book.orders.get("o1").getRefundedMinor()).isEqualTo(1_000);
    assertThat(book.balance()).isZero();
  }

  @Test
  void anOpenOrderNextSeenReversedCompletedInBetweenAndIsRefunded() {
    book.feed(event(PARTNER, "o1", null, PENDING, 1_000, 10));
    book.feed(event(PARTNER, "o1", PENDING, REVERSED, 1_000, 20));
    book.feed(topUp("t1", PROCESSING, 50_000, 30));
    book.feed(topUp("t1", REVERSED, 50_000, 40));

    assertThat(book.kinds()).containsExactly(MovementKind.ORDER_DEBIT, MovementKind.ORDER_REFUND,
        MovementKind.TOP_UP_CREDIT, MovementKind.TOP_UP_REVERSAL);
    assertThat(book.balance()).isZero();
  }

  @Test
  void aTopUpCreditsOnlyWhenItCompletesAndAReversalTakesItBack() {
    book.feed(topUp("t1", PENDING, 50_000, 1));
    assertThat(book.journal).isEmpty();

    book.feed(topUp("t1", COMPLETED, 50_000, 2));
    assertThat(book.balance()).isEqualTo(50_000);

    book.feed(topUp("t1", REVERSED, 50_000, 3));
    assertThat(book.kinds()).containsExactly(MovementKind.TOP_UP_CREDIT, MovementKind.TOP_UP_REVERSAL);
    assertThat(book.balance()).isZero();
  }

  @Test
  void aFailedTopUpNeverMovesMoney() {
    book.feed(topUp("t1", PENDING, 50_000, 1));
    book.feed(topUp("t1", FAILED, 50_000, 2));

    assertThat(book.journal).isEmpty();
    assertThat(book.orders.get("t1").getWalletBalanceBeforeMinor()).isNull();
  }

  @Test
  void aBulkOrderRefundsEachFailedRecipientOnceAndTheRestIfTheOrderFails() {
    var a = recipient("233540000001", 300, PROCESSING);
    var b = recipient("233540000002", 500, PROCESSING);
    var c = recipient("233540000003", 700, PROCESSING);
    book.feed(Events.event(PARTNER, bulkSnapshot("b1", PROCESSING, 10, List.of(a, b, c)).build(), null));
    // b fails while the order is still processing
    b = recipient("233540000002", 500, FAILED);
    book.feed(Events.event(PARTNER, bulkSnapshot("b1", PROCESSING, 11, List.of(a, b, c)).build(), PROCESSING));
    // c fails too; a completes; the order completes partially
    c = recipient("233540000003", 700, FAILED);
    a = recipient("233540000001", 300, COMPLETED);
    book.feed(Events.event(PARTNER, bulkSnapshot("b1", COMPLETED, 12, List.of(a, b, c)).build(), PROCESSING));

    assertThat(book.kinds()).containsExactly(MovementKind.ORDER_DEBIT, MovementKind.BULK_RECIPIENT_REFUND, MovementKind.BULK_RECIPIENT_REFUND);
    assertThat(book.journal).extracting(WalletEntry::getRecipientIndex).containsExactly(null, 1, 2);
    assertThat(book.balance()).isEqualTo(-300);
    assertThat(book.orders.get("b1").getRefundedMinor()).isEqualTo(1_200);
  }

  @Test
  void aFailedBulkOrderRefundsWhatItsRecipientsHaveNot() {
    var failed = recipient("233540000001", 300, FAILED);
    var open = recipient("233540000002", 500, PROCESSING);
    book.feed(Events.event(PARTNER, bulkSnapshot("b1", PROCESSING, 10, List.of(failed, open)).build(), null));
    book.feed(Events.event(PARTNER, bulkSnapshot("b1", FAILED, 11, List.of(failed, recipient("233540000002", 500, FAILED))).build(), PROCESSING));

    assertThat(book.kinds()).containsExactly(MovementKind.ORDER_DEBIT, MovementKind.BULK_RECIPIENT_REFUND,
        MovementKind.BULK_RECIPIENT_REFUND);
    assertThat(book.balance()).isZero();
  }

  @Test
  void reportsSeed000sSelfContradictingBalancesAndKeepsItsOwn() {
    book.feed(topUp("t1", COMPLETED, 25_000, 1));
    OrderEvent seedExample = Events.event(PARTNER, snapshot("kh72y10adpkj8kr1bbrgcgnvcd841w5g", PROCESSING, 425, 1775046435554L)
        .setSourceWalletBalanceBeforeMinor(25_000L).setSourceWalletBalanceAfterMinor(24_610L).build(), null);

    book.feed(seedExample);
    book.feed(Events.event(PARTNER, snapshot("kh72y10adpkj8kr1bbrgcgnvcd841w5g", COMPLETED, 425, 1775046436000L)
        .setSourceWalletBalanceBeforeMinor(25_000L).setSourceWalletBalanceAfterMinor(24_610L).build(), PROCESSING));

    LedgerOrderState order = book.orders.get("kh72y10adpkj8kr1bbrgcgnvcd841w5g");
    assertThat(order.getWalletBalanceAfterMinor()).as("computed, not copied").isEqualTo(24_575L);
    assertThat(book.discrepancies).as("reported once").singleElement().satisfies(d -> {
      assertThat(d.getComputedBalanceAfterMinor()).isEqualTo(24_575L);
      assertThat(d.getSourceBalanceAfterMinor()).isEqualTo(24_610L);
      assertThat(d.getSourceSelfConsistent()).as("250.00 - 246.10 is not 4.25").isFalse();
    });
  }

  @Test
  void agreeingSourceBalancesAreNotADiscrepancy() {
    book.feed(topUp("t1", COMPLETED, 25_000, 1));
    book.feed(Events.event(PARTNER, snapshot("o1", PROCESSING, 425, 10)
        .setSourceWalletBalanceBeforeMinor(25_000L).setSourceWalletBalanceAfterMinor(24_575L).build(), null));

    assertThat(book.discrepancies).isEmpty();
  }

  @Test
  void aRedeliveredEventIsANoOpAndAChangedOneUnderTheSameIdIsRejected() {
    OrderEvent first = event(PARTNER, "o1", null, PENDING, 425, 10);
    book.feed(first);

    OrderEvent redelivered = OrderEvent.newBuilder(first).setObservedAt(first.getObservedAt() + 60_000).build();
    assertThat(book.feed(redelivered)).isInstanceOf(LedgerDecision.AlreadyApplied.class);

    OrderEvent tampered = OrderEvent.newBuilder(first)
        .setOrder(snapshot("o1", PENDING, 999, 10).build()).build();
    assertThat(book.feed(tampered)).isEqualTo(new LedgerDecision.Reject(RejectReason.DUPLICATE_EVENT_DIFFERENT_PAYLOAD,
        "event " + first.getEventId() + " was applied before with a different payload"));
    assertThat(book.journal).hasSize(1);
  }

  @Test
  void aSaleCreditsTheWalletWhenItSucceedsAndNotBefore() {
    book.feed(sale("s1", null, PENDING, 20_000, 10));
    assertThat(book.journal).as("nothing is owed before the customer has paid").isEmpty();

    book.feed(sale("s1", PENDING, COMPLETED, 20_000, 11));

    assertThat(book.kinds()).containsExactly(MovementKind.SALE_CREDIT);
    assertThat(book.balance()).isEqualTo(20_000);
    assertThat(book.orders.get("s1").getWalletBalanceAfterMinor()).isEqualTo(20_000L);
  }

  @Test
  void aReversedSaleIsDebitedBackAndAFailedOneNeverMovesMoney() {
    book.feed(sale("s1", null, COMPLETED, 20_000, 10));
    book.feed(sale("s1", COMPLETED, REVERSED, 20_000, 11));
    book.feed(sale("s2", null, PENDING, 5_000, 12));
    book.feed(sale("s2", PENDING, FAILED, 5_000, 13));
    book.feed(sale("s3", null, PENDING, 7_000, 14));
    book.feed(sale("s3", PENDING, REVERSED, 7_000, 15));

    assertThat(book.kinds()).containsExactly(MovementKind.SALE_CREDIT, MovementKind.SALE_REVERSAL,
        MovementKind.SALE_CREDIT, MovementKind.SALE_REVERSAL);
    assertThat(book.balance()).isZero();
  }

  @Test
  void aSaleReversalThatClaimsMoreThanWasCreditedTakesBackOnlyTheCreditAndIsADiscrepancy() {
    book.feed(sale("s1", null, COMPLETED, 20_000, 10));
    book.feed(sale("s1", COMPLETED, REVERSED, 25_000, 11));

    assertThat(book.journal).extracting(WalletEntry::getAmountMinor).containsExactly(20_000L, 20_000L);
    assertThat(book.balance()).as("never below what the events earned").isZero();
    assertThat(book.discrepancies).singleElement().satisfies(d -> {
      assertThat(d.getKind()).isEqualTo(DiscrepancyKind.REFUND_EXCEEDS_CREDIT);
      assertThat(d.getPreviousAmountMinor()).isEqualTo(20_000L);
      assertThat(d.getAmountMinor()).isEqualTo(25_000L);
    });
  }

  @Test
  void aSalesFlowIsFixedByTheOrdersFirstEvent() {
    book.feed(sale("s1", null, PENDING, 20_000, 10));
    book.feed(OrderEvent.newBuilder(sale("s1", PENDING, COMPLETED, 20_000, 11)).setMoneyFlow(MoneyFlow.PURCHASE).build());

    assertThat(book.kinds()).containsExactly(MovementKind.SALE_CREDIT);
  }

  @Test
  void anAmountChangeOfAChargedOrderIsAnAdjustmentOfTheDifferenceAndADiscrepancy() {
    book.feed(topUp("t1", COMPLETED, 10_000, 1));
    book.feed(event(PARTNER, "o1", null, PENDING, 425, 10));
    book.feed(event(PARTNER, "o1", PENDING, PROCESSING, 500, 11));
    book.feed(event(PARTNER, "o1", PROCESSING, PROCESSING, 450, 12));
    book.feed(event(PARTNER, "o1", PROCESSING, FAILED, 450, 13));

    assertThat(book.kinds()).containsExactly(MovementKind.TOP_UP_CREDIT, MovementKind.ORDER_DEBIT, MovementKind.ADJUSTMENT_DEBIT,
        MovementKind.ADJUSTMENT_CREDIT, MovementKind.ORDER_REFUND);
    assertThat(book.journal).extracting(WalletEntry::getAmountMinor).containsExactly(10_000L, 425L, 75L, 50L, 450L);
    assertThat(book.balance()).isEqualTo(10_000);
    assertThat(book.discrepancies).extracting(WalletDiscrepancy::getKind)
        .containsExactly(DiscrepancyKind.AMOUNT_CHANGED, DiscrepancyKind.AMOUNT_CHANGED);
    assertThat(book.discrepancies.get(0).getComputedBalanceAfterMinor()).isEqualTo(10_000 - 500);
  }

  @Test
  void anAmountChangeOnTheWayToARefundIsRecordedButRefundsWhatWasBooked() {
    book.feed(event(PARTNER, "o1", null, PROCESSING, 425, 10));
    book.feed(event(PARTNER, "o1", PROCESSING, FAILED, 400, 11));

    assertThat(book.kinds()).containsExactly(MovementKind.ORDER_DEBIT, MovementKind.ORDER_REFUND);
    assertThat(book.balance()).isZero();
    assertThat(book.discrepancies).extracting(WalletDiscrepancy::getKind).containsExactly(DiscrepancyKind.AMOUNT_CHANGED);
  }

  @Test
  void everyEntryLinksToThePreviousOneOfItsWalletAndTheChainVerifies() {
    book.feed(topUp("t1", COMPLETED, 10_000, 1));
    book.feed(event(PARTNER, "o1", null, FAILED, 425, 10));
    book.feed(sale("s1", null, COMPLETED, 2_000, 11));

    assertThat(book.journal.get(0).getPreviousHash()).isEqualTo(JournalChain.GENESIS);
    JournalVerifier.Tip tip = JournalVerifier.Tip.start();
    for (WalletEntry entry : book.journal) {
      assertThat(JournalVerifier.check(tip, entry)).as("entry %d", entry.getSequence()).isEmpty();
      tip = JournalVerifier.Tip.after(entry);
    }
    assertThat(book.wallet.getBalances().get("GHS").getLastHash()).isEqualTo(book.journal.get(3).getHash());
  }

  @Test
  void aCancellationAfterDeliveryIsRefunded() {
    book.feed(event(PARTNER, "g1", null, PENDING, 5_000, 10));
    book.feed(event(PARTNER, "g1", PENDING, COMPLETED, 5_000, 11));
    book.feed(event(PARTNER, "g1", COMPLETED, FAILED, 5_000, 12)); // seed 002: a gift card cancelled once delivered

    assertThat(book.kinds()).containsExactly(MovementKind.ORDER_DEBIT, MovementKind.ORDER_REFUND);
    assertThat(book.balance()).isZero();
    assertThat(book.orders.get("g1").getState()).isEqualTo(FAILED);
  }

  @Test
  void aSaleCancelledAfterItSucceededIsTakenBack() {
    book.feed(sale("s1", null, COMPLETED, 2_000, 10));
    book.feed(sale("s1", COMPLETED, FAILED, 2_000, 11));

    assertThat(book.kinds()).containsExactly(MovementKind.SALE_CREDIT, MovementKind.SALE_REVERSAL);
    assertThat(book.balance()).isZero();
  }

  @Test
  void oneClockPerPartnerBooksAnOrdersVersionAndItsMovementsAtOneTime() {
    book.feed(event(PARTNER, "o1", null, PENDING, 425, 10), 9_000);
    // A second producer's clock runs behind: its record says 5_000, after the partner's first input was booked at 9_000.
    book.feed(event(PARTNER, "o2", null, PENDING, 300, 20), 5_000);
    book.feed(event(PARTNER, "o2", PENDING, COMPLETED, 300, 21), 9_500);

    assertThat(book.views).extracting(io.orderledger.events.OrderView::getBookedAt).containsExactly(9_000L, 9_000L, 9_500L);
    assertThat(book.journal).extracting(WalletEntry::getBookedAt).containsExactly(9_000L, 9_000L);
    assertThat(book.decisions).extracting(io.orderledger.events.LedgerDecisionRecord::getDecidedAt).containsExactly(9_000L, 9_000L, 9_500L);
    assertThat(book.wallet.getClock()).isEqualTo(9_500L);
  }

  @Test
  void theSeedsBalanceFieldsAddUpAfterTheAmountChanged() {
    book.feed(topUp("t1", COMPLETED, 6_000_000, 1));
    book.feed(event(PARTNER, "o1", null, PROCESSING, 3_823, 10));
    book.feed(event(PARTNER, "o1", PROCESSING, COMPLETED, 3_789, 11)); // the source lowered the price by 0.34 after the charge

    LedgerOrderState order = book.orders.get("o1");
    assertThat(book.kinds()).containsExactly(MovementKind.TOP_UP_CREDIT, MovementKind.ORDER_DEBIT, MovementKind.ADJUSTMENT_CREDIT);
    assertThat(order.getWalletBalanceBeforeMinor()).isEqualTo(6_000_000L);
    assertThat(order.getWalletBalanceBeforeMinor() - order.getWalletBalanceAfterMinor()).as("before - after = the amount now").isEqualTo(3_789);
    assertThat(book.balance()).isEqualTo(6_000_000 - 3_789);
  }

  @Test
  void aWalletsEntriesNeverGoBackInTime() {
    book.feed(topUp("t1", COMPLETED, 10_000, 500));
    book.feed(event(PARTNER, "o1", null, PENDING, 425, 10)); // observed (and so booked) earlier than the top-up

    assertThat(book.journal).extracting(WalletEntry::getBookedAt).containsExactly(750L, 750L);
  }
}
