package io.orderledger.query.read;

import static io.orderledger.query.Views.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.DiscrepancyKind;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.MoneyFlow;
import io.orderledger.events.MovementDirection;
import io.orderledger.events.MovementKind;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.events.RejectReason;
import io.orderledger.events.SourceRecord;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.money.MinorUnits;
import io.orderledger.events.fixtures.Events;
import io.orderledger.events.journal.JournalChain;
import io.orderledger.query.model.JsonRenderer;
import io.orderledger.query.store.QueryDriver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An order as of a time, its history, a wallet's statement and its balances as of a time, read from the stores. */
class AuditReadersTest {

  private static final String A = "partner-a";
  private final QueryDriver query = new QueryDriver();

  @AfterEach
  void close() {
    query.close();
  }

  private static JsonNode json(JsonSlice slice) {
    return JsonRenderer.mapper().readTree(slice.toString());
  }

  private static OrderView booked(OrderView view, long bookedAt) {
    return OrderView.newBuilder(view).setBookedAt(bookedAt).build();
  }

  @Test
  void anOrderAsOfATimeIsTheVersionInForceThen() {
    query.send(booked(view(A, "o1", OrderType.DATA, OrderState.PENDING, 1_000, 1), 5_000),
        booked(view(A, "o1", OrderType.DATA, OrderState.PROCESSING, 1_000, 2), 6_000),
        booked(view(A, "o1", OrderType.DATA, OrderState.COMPLETED, 1_000, 3), 9_000));
    OrderReader orders = query.data().orders();

    assertThat(orders.asOf(A, "o1", 4_999).version()).as("not yet in existence").isEmpty();
    assertThat(orders.asOf(A, "o1", 4_999).recordedLater()).as("recorded later: ORDER_NOT_RECORDED_YET").isTrue();
    assertThat(orders.asOf(A, "o1", 5_000).version()).hasValueSatisfying(o -> assertThat(json(o).get("state").asString()).isEqualTo("pending"));
    assertThat(orders.asOf(A, "o1", 8_999).version()).hasValueSatisfying(o -> assertThat(json(o).get("state").asString()).isEqualTo("processing"));
    assertThat(orders.asOf(A, "o1", 9_000).version()).hasValueSatisfying(o -> assertThat(json(o).get("state").asString()).isEqualTo("completed"));
    assertThat(orders.asOf("partner-b", "o1", 9_000).version()).as("another partner's order").isEmpty();
    assertThat(orders.asOf("partner-b", "o1", 9_000).recordedLater()).as("another partner's order is never 'recorded later'").isFalse();
  }

  private static LedgerDecisionRecord decision(String eventId, DecisionKind kind, long decidedAt, long offset, OrderState before, OrderState after) {
    LedgerDecisionRecord d = new LedgerDecisionRecord();
    d.setPartnerId(A);
    d.setOrderId("o1");
    d.setEventId(eventId);
    d.setDecision(kind);
    d.setRejectReason(kind == DecisionKind.REJECTED ? RejectReason.INVALID_TRANSITION : null);
    d.setInputTopic("order-events");
    d.setInputPartition(0);
    d.setInputOffset(offset);
    d.setDecidedAt(decidedAt);
    d.setOccurredAt(decidedAt - 100);
    d.setObservedAt(decidedAt - 10);
    d.setStateBefore(before);
    d.setStateAfter(after);
    d.setEventState(after == null ? OrderState.PENDING : after);
    d.setVersionBefore(offset);
    d.setVersionAfter(kind == DecisionKind.APPLIED ? offset + 1 : offset);
    d.setChangedFields(List.of("state"));
    d.setAmountMinor(425L);
    d.setCurrency("GHS");
    d.setMoneyFlow(MoneyFlow.PURCHASE);
    d.setMovements(List.of());
    d.setDiscrepancies(List.of());
    d.setSource("nc-a");
    return d;
  }

  @Test
  void anOrdersHistoryIsEveryDecisionOldestFirstWithTheSourcesRecordPagedByCursor() {
    query.send(view(A, "o1", OrderType.DATA, OrderState.COMPLETED, 1_000, 2));
    OrderEvent event = OrderEvent.newBuilder(Events.event(A, "o1", null, OrderState.PENDING, 425, 1_000)).setEventId("e1")
        .setSourceRecord(SourceRecord.newBuilder().setSystem("netconnect").setNativeId("o1").setNativeStatus("pending")
            .setJson("{\"_id\":\"o1\",\"state\":\"pending\"}").setSha256("ab").build()).build();
    query.send(event);
    query.send(decision("e3", DecisionKind.REJECTED, 3_000, 2, OrderState.COMPLETED, OrderState.COMPLETED));
    query.send(decision("e1", DecisionKind.APPLIED, 1_000, 0, null, OrderState.PENDING));
    query.send(decision("e2", DecisionKind.APPLIED, 2_000, 1, OrderState.PENDING, OrderState.COMPLETED));
    HistoryReader history = query.data().history();

    PagedRange.Page<JsonSlice> first = history.history(A, "o1", null, 2);
    PagedRange.Page<JsonSlice> second = history.history(A, "o1", first.continueCursor(), 2);

    List<JsonNode> entries = new ArrayList<>();
    first.items().forEach(e -> entries.add(json(e)));
    second.items().forEach(e -> entries.add(json(e)));
    assertThat(entries).extracting(e -> e.get("eventId").asString()).containsExactly("e1", "e2", "e3");
    assertThat(entries).extracting(e -> e.get("decision").asString()).containsExactly("applied", "applied", "rejected");
    assertThat(entries.get(0).get("sourceRecord").get("state").asString()).isEqualTo("pending");
    assertThat(entries.get(1).get("sourceRecord").isNull()).isTrue();
    assertThat(entries.get(2).get("rejectReason").asString()).isEqualTo("INVALID_TRANSITION");
    assertThat(first.done()).isFalse();
    assertThat(second.done()).isTrue();
    assertThat(QueryDriver.CURSORS.decode(first.continueCursor(), A, "list;types=all;state=any;created=null..null"))
        .as("a history cursor is not a list cursor").isEmpty();
    assertThatThrownBy(() -> history.history(A, "o2", first.continueCursor(), 2)).as("nor another order's history cursor")
        .isInstanceOf(InvalidCursor.class);
  }

  /** A correct chain of movements for partner-a in GHS, booked one second apart from {@code firstBookedAt}. */
  private static List<WalletEntry> chain(int count, long firstBookedAt) {
    List<WalletEntry> entries = new ArrayList<>();
    String previous = JournalChain.GENESIS;
    long balance = 0;
    for (int i = 1; i <= count; i++) {
      MovementDirection direction = i == 1 ? MovementDirection.CREDIT : MovementDirection.DEBIT;
      long amount = i == 1 ? 100_000 : 100 * i;
      long after = direction == MovementDirection.CREDIT ? balance + amount : balance - amount;
      WalletEntry entry = WalletEntry.newBuilder().setEntryId("o" + i + "/move").setPartnerId(A).setOrderId("o" + i).setEventId("e" + i)
          .setKind(i == 1 ? MovementKind.TOP_UP_CREDIT : MovementKind.ORDER_DEBIT).setDirection(direction).setAmountMinor(amount)
          .setCurrency("GHS").setBalanceBeforeMinor(balance).setBalanceAfterMinor(after).setSequence(i).setOccurredAt(firstBookedAt + i * 1_000L - 50)
          .setBookedAt(firstBookedAt + i * 1_000L).setPreviousHash(previous).setHash(null).build();
      entry.setHash(JournalChain.hash(previous, entry));
      entries.add(entry);
      previous = entry.getHash();
      balance = after;
    }
    return entries;
  }

  @Test
  void aStatementPeriodReadsOnlyItsEntriesInSequenceOrderWithTheChainVerified() {
    chain(50, 0).forEach(query::send);
    StatementReader statements = query.data().statements();

    StatementReader.Page period = statements.statement(A, "GHS", 10_000L, 14_000L, null, 20);

    assertThat(period.entries()).extracting(e -> json(e).get("sequence").asLong()).containsExactly(10L, 11L, 12L, 13L, 14L);
    JsonNode line = json(period.entries().get(0));
    assertThat(line.get("balanceBefore").decimalValue()).isEqualByComparingTo(json(statements.statement(A, "GHS", 9_000L, 9_000L, null, 1)
        .entries().get(0)).get("balanceAfter").decimalValue());
    assertThat(line.get("hash").asString()).hasSize(64);
    assertThat(line.get("chain").asString()).isEqualTo("ok");
    assertThat(period.done()).isTrue();
    assertThat(period.chain().status()).isEqualTo("verified");
    assertThat(period.chain().checkedThrough()).isEqualTo(50);

    StatementReader.Page whole = statements.statement(A, "GHS", null, null, null, 20);
    StatementReader.Page next = statements.statement(A, "GHS", null, null, whole.continueCursor(), 20);
    assertThat(json(next.entries().get(0)).get("sequence").asLong()).isEqualTo(21);
  }

  @Test
  void anEntryTheLedgerSealedThatDoesNotExtendTheChainIsRefusedAndTheGenuineOneStillApplies() {
    List<WalletEntry> entries = chain(10, 0);
    for (int i = 0; i < 6; i++) {
      query.send(entries.get(i));
    }
    WalletEntry altered = WalletEntry.newBuilder(entries.get(6)).setAmountMinor(1).setBalanceAfterMinor(entries.get(6).getBalanceBeforeMinor() - 1)
        .build(); // altered after it was hashed
    query.send(altered);
    query.send(entries.get(6)); // the genuine entry 7 arrives too
    query.send(entries.get(6)); // and is replayed

    StatementReader.Page page = query.data().statements().statement(A, "GHS", null, null, null, 100);

    assertThat(page.chain().status()).isEqualTo("broken");
    assertThat(page.chain().firstBrokenSequence()).isEqualTo(7);
    assertThat(page.chain().problem()).isEqualTo("hash");
    assertThat(page.chain().refusedEntries()).isEqualTo(1);
    assertThat(page.chain().checkedThrough()).isEqualTo(7);
    assertThat(json(page.entries().get(6)).get("amount").decimalValue()).as("the genuine entry is the statement's")
        .isEqualByComparingTo(json(page.entries().get(5)).get("balanceAfter").decimalValue()
            .subtract(json(page.entries().get(6)).get("balanceAfter").decimalValue()));
    assertThat(query.data().wallets().now(A).balance()).as("the balance is the genuine chain's")
        .isEqualByComparingTo(MinorUnits.toDecimal(entries.get(6).getBalanceAfterMinor(), "GHS"));
  }

  /**
   * What someone who can produce to wallet-journal, without the ledger's MAC key, can do to a served balance: nothing.
   * A well-chained entry after the head, a wallet opened from the genesis value, an entry without a hash, one far ahead,
   * one at a sequence taken: each is refused and counted, the wallet reads broken at the first, and the genuine entries
   * that follow still apply.
   */
  @Test
  void forgedEntriesMoveNoBalanceAndTheGenuineOnesAfterThemStillApply() {
    List<WalletEntry> genuine = chain(8, 0);
    for (int i = 0; i < 4; i++) {
      query.send(genuine.get(i));
    }
    WalletEntry head = genuine.get(3);
    WalletEntry wellChained = WalletEntry.newBuilder(head).setSequence(5).setEntryId("forged").setPreviousHash(head.getHash())
        .setBalanceBeforeMinor(head.getBalanceAfterMinor()).setBalanceAfterMinor(head.getBalanceAfterMinor() + 1_000_000_000_00L)
        .setDirection(io.orderledger.events.MovementDirection.CREDIT).setAmountMinor(1_000_000_000_00L).setHash(null).build();
    wellChained.setHash(io.orderledger.events.journal.JournalChain.hash(wellChained.getPreviousHash(), wellChained));
    WalletEntry chf = WalletEntry.newBuilder(wellChained).setCurrency("CHF").setSequence(1).setBalanceBeforeMinor(0)
        .setBalanceAfterMinor(1_000_000_000_000L).setAmountMinor(1_000_000_000_000L)
        .setPreviousHash(io.orderledger.events.journal.JournalChain.GENESIS).setHash(null).build();
    chf.setHash(io.orderledger.events.journal.JournalChain.hash(chf.getPreviousHash(), chf));
    WalletEntry noHash = WalletEntry.newBuilder(wellChained).setSequence(5).setPreviousHash(null).setHash(null).build();
    WalletEntry farAhead = WalletEntry.newBuilder(wellChained).setSequence(1_000_000).build();
    WalletEntry taken = WalletEntry.newBuilder(genuine.get(2)).setAmountMinor(1).build();
    for (WalletEntry forged : List.of(wellChained, chf, noHash, farAhead, taken)) {
      query.sendUnsealed(forged);
    }
    for (int i = 4; i < 8; i++) {
      query.send(genuine.get(i)); // the ledger goes on
    }

    var wallet = query.data().wallets().now(A);
    assertThat(wallet.wallets()).as("no CHF wallet").extracting(w -> w.currency()).containsExactly("GHS");
    assertThat(wallet.balance()).isEqualByComparingTo(MinorUnits.toDecimal(genuine.get(7).getBalanceAfterMinor(), "GHS"));
    var chain = wallet.wallets().get(0).chain();
    assertThat(chain.status()).isEqualTo("broken");
    assertThat(chain.problem()).isEqualTo("unauthenticated");
    assertThat(chain.firstBrokenSequence()).isEqualTo(5);
    assertThat(chain.refusedEntries()).isEqualTo(4); // the CHF one is its own wallet's
    assertThat(chain.checkedThrough()).as("every genuine entry applied").isEqualTo(8);
    StatementReader.Page page = query.data().statements().statement(A, "GHS", null, null, null, 100);
    assertThat(page.entries()).hasSize(8);
    assertThat(page.entries()).extracting(e -> json(e).get("entryId").asString()).doesNotContain("forged");
  }

  @Test
  void aWalletShowsItsLatestCheckpointAndWhetherItsSignatureAndTheJournalHold() {
    List<WalletEntry> entries = chain(3, 0);
    entries.forEach(query::send);
    WalletEntry third = entries.get(2);
    var signer = io.orderledger.ledger.seal.CheckpointSigner.of(io.orderledger.testing.keys.TestKeys.CHECKPOINT_PRIVATE,
        io.orderledger.testing.keys.TestKeys.CHECKPOINT_PUBLIC);
    query.send(signer.checkpoint(A, "GHS", 3, third.getHash(), third.getBalanceAfterMinor(), third.getBookedAt(), 99_000));

    var checkpoint = query.data().wallets().now(A).wallets().get(0).chain().checkpoint();
    assertThat(checkpoint.sequence()).isEqualTo(3);
    assertThat(checkpoint.signature()).isEqualTo("verified");
    assertThat(checkpoint.journal()).isEqualTo("matches");

    query.send(io.orderledger.events.LedgerCheckpoint.newBuilder(signer.checkpoint(A, "GHS", 4, "ab".repeat(32), 0, 0, 99_500)).build());
    var ahead = query.data().statements().statement(A, "GHS", null, null, null, 10).chain().checkpoint();
    assertThat(ahead.journal()).as("signed an entry the journal does not hold").isEqualTo("ahead");
    query.send(io.orderledger.events.LedgerCheckpoint.newBuilder(signer.checkpoint(A, "GHS", 3, third.getHash(), 1, 0, 99_600))
        .setBalanceMinor(2).build()); // altered after signing
    assertThat(query.data().wallets().now(A).wallets().get(0).chain().checkpoint().signature()).isEqualTo("invalid");
  }

  @Test
  void theWalletAsOfATimeIsEachCurrencysBalanceAfterItsLastEntryByThen() {
    chain(5, 100_000).forEach(query::send);
    WalletReader wallets = query.data().wallets();

    assertThat(wallets.asOf(A, 100_999).wallets()).as("before the first movement").isEmpty();
    assertThat(wallets.asOf(A, 103_500).balance()).isEqualByComparingTo("995.00"); // 1000.00 - 2.00 - 3.00: after entry 3
    assertThat(wallets.asOf(A, 103_500).wallets().get(0).movements()).isEqualTo(3);
    assertThat(wallets.now(A).balance()).isEqualByComparingTo(wallets.asOf(A, 200_000).balance());
  }

  @Test
  void discrepanciesAreListedNewestFirstWithBothFiguresAndPagedByCursor() {
    for (int i = 1; i <= 5; i++) {
      query.send(WalletDiscrepancy.newBuilder().setPartnerId(A).setOrderId("o" + i).setEventId("e" + i).setCurrency("GHS").setAmountMinor(425)
          .setComputedBalanceBeforeMinor(10_000).setComputedBalanceAfterMinor(9_575).setSourceBalanceBeforeMinor(25_000L)
          .setSourceBalanceAfterMinor(24_575L).setSourceSelfConsistent(true).setOccurredAt(1_000L * i).setKind(DiscrepancyKind.SOURCE_BALANCE)
          .setPreviousAmountMinor(null).build());
    }
    query.send(WalletDiscrepancy.newBuilder().setPartnerId("partner-b").setOrderId("b1").setEventId("eb1").setCurrency("GHS").setAmountMinor(1)
        .setComputedBalanceBeforeMinor(0).setComputedBalanceAfterMinor(-1).setSourceBalanceBeforeMinor(null).setSourceBalanceAfterMinor(null)
        .setSourceSelfConsistent(false).setOccurredAt(9_000).setKind(DiscrepancyKind.AMOUNT_CHANGED).setPreviousAmountMinor(2L).build());
    DiscrepancyReader reader = query.data().discrepancies();

    PagedRange.Page<JsonSlice> first = reader.discrepancies(A, null, 3);
    PagedRange.Page<JsonSlice> second = reader.discrepancies(A, first.continueCursor(), 3);

    List<JsonNode> all = new ArrayList<>();
    first.items().forEach(e -> all.add(json(e)));
    second.items().forEach(e -> all.add(json(e)));
    assertThat(all).extracting(e -> e.get("orderId").asString()).containsExactly("o5", "o4", "o3", "o2", "o1");
    assertThat(all.get(0).get("kind").asString()).isEqualTo("source_balance");
    assertThat(all.get(0).get("computedBalanceAfter").decimalValue()).isEqualByComparingTo("95.75");
    assertThat(all.get(0).get("sourceBalanceAfter").decimalValue()).isEqualByComparingTo("245.75");
    assertThat(first.done()).isFalse();
    assertThat(second.done()).isTrue();
    assertThat(json(reader.discrepancies("partner-b", null, 10).items().get(0)).get("previousAmount").decimalValue())
        .isEqualByComparingTo("0.02");
  }
}
