package io.orderledger.audit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.audit.verify.Canonical;
import io.orderledger.audit.verify.ChainCheck;
import io.orderledger.events.DecisionKind;
import io.orderledger.events.DiscrepancyKind;
import io.orderledger.events.MovementKind;
import io.orderledger.events.OrderView;
import io.orderledger.events.RejectReason;
import io.orderledger.events.WalletEntry;
import io.orderledger.ledger.model.EventSequences;
import io.orderledger.ledger.model.EventSequences.Input;
import io.orderledger.ledger.topology.LedgerDriver;
import io.orderledger.ledger.topology.LedgerTopology;
import io.orderledger.testing.seed.TestSeeds;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two implementations of the rules, made to agree: thousands of seeded random event sequences through the ledger's
 * real topology (TopologyTestDriver) and through the auditor's {@link IndependentLedger}; every decision, journal entry,
 * rejection, discrepancy and view must be the same field for field (their {@link Canonical} texts), every published
 * wallet's hash chain must verify with the auditor's own hashing, and every view must add up as the seed implies
 * (walletBalanceBefore − the amount it is booked at = walletBalanceAfter for a debit, + for a credit). Each partner's
 * inputs come from two producers whose clocks disagree. A failure names the seed: re-run one with
 * {@code -Dledger.model.seed=<seed> -Dledger.model.sequences=1}.
 */
class RulesAgreementTest {

  private static final long FIRST_SEED = TestSeeds.seed("RulesAgreementTest", "ledger.model.seed", 20_261_123L);
  private static final int SEQUENCES = Integer.getInteger("ledger.model.sequences", TestSeeds.exploring() ? 20_000 : 1_000);

  @Test
  void theLedgersTopologyAndTheIndependentRulesAgreeOnRandomSequences() {
    runSequences(LedgerTopology.StoreOptions.defaults());
  }

  @Test
  void storeCachingChangesNothingObservable() {
    runSequences(new LedgerTopology.StoreOptions(true, false));
  }

  private void runSequences(LedgerTopology.StoreOptions options) {
    long events = 0;
    long chainedEntries = 0;
    long viewsThatAddUp = 0;
    try (LedgerDriver ledger = new LedgerDriver(options)) {
      long offset = 0;
      for (int n = 0; n < SEQUENCES; n++) {
        long seed = FIRST_SEED + n;
        List<Input> inputs = EventSequences.generate(seed);
        events += inputs.size();
        IndependentLedger rules = new IndependentLedger();
        List<String> expectedViews = new ArrayList<>();
        List<String> expectedJournal = new ArrayList<>();
        List<String> expectedRejects = new ArrayList<>();
        List<String> expectedDiscrepancies = new ArrayList<>();
        List<String> expectedDecisions = new ArrayList<>();
        for (Input input : inputs) {
          if (input.event() == null) {
            expectedRejects.add("UNDECODABLE");
            ledger.sendRaw(input.key(), input.raw());
          } else {
            Expected.Outcome out = rules.process(input.event(), input.key(), 0, offset, input.timestamp());
            expectedDecisions.add(Canonical.decision(out.decision()));
            out.entries().forEach(m -> expectedJournal.add(Canonical.entry(m)));
            out.discrepancies().forEach(d -> expectedDiscrepancies.add(Canonical.discrepancy(d)));
            if (out.view() != null) {
              expectedViews.add(Canonical.view(out.view()));
            }
            if (out.rejectReason() != null) {
              expectedRejects.add(out.rejectReason());
            }
            ledger.events.pipeInput(input.key(), input.event(), input.timestamp());
          }
          offset++;
        }
        String context = "seed " + seed + " (" + inputs.size() + " inputs); re-run with -Dledger.model.seed=" + seed
            + " -Dledger.model.sequences=1";
        List<OrderView> views = ledger.views.readValuesToList();
        assertThat(views).extracting(Canonical::view).as("views, " + context).isEqualTo(expectedViews);
        List<WalletEntry> journal = ledger.journal.readValuesToList();
        assertThat(journal).extracting(Canonical::entry).as("journal, " + context).isEqualTo(expectedJournal);
        assertThat(ledger.rejects.readValuesToList()).extracting(r -> r.getReason().name()).as("rejects, " + context).isEqualTo(expectedRejects);
        assertThat(ledger.discrepancies.readValuesToList()).extracting(Canonical::discrepancy).as("discrepancies, " + context)
            .isEqualTo(expectedDiscrepancies);
        assertThat(ledger.decisions.readValuesToList()).extracting(Canonical::decision).as("decisions, " + context)
            .isEqualTo(expectedDecisions);
        chainedEntries += assertEveryWalletChains(journal, context);
        viewsThatAddUp += assertEveryViewAddsUp(views, context);
        rules.walletHeads().forEach((wallet, head) -> {
          String[] parts = wallet.split("\\|");
          assertThat(ledger.balance(parts[0], parts[1])).as("balance of %s, %s", wallet, context).isEqualTo(head[1]);
        });
        ledger.owners.readValuesToList();
      }
      if (SEQUENCES >= 500) {
        // The generator must actually reach every rule, or agreement proves little.
        assertThat(ledger.metrics.rejected.keySet()).containsAll(EnumSet.of(RejectReason.UNDECODABLE, RejectReason.KEY_MISMATCH,
            RejectReason.INVALID_TRANSITION, RejectReason.DUPLICATE_EVENT_DIFFERENT_PAYLOAD, RejectReason.ORDER_OWNED_BY_ANOTHER_PARTNER,
            RejectReason.MISSING_AMOUNT, RejectReason.NEGATIVE_AMOUNT, RejectReason.INVALID_CURRENCY, RejectReason.CURRENCY_MISMATCH,
            RejectReason.STALE_EVENT, RejectReason.SOURCE_CORRECTION, RejectReason.UNKNOWN_MONEY_FLOW,
            RejectReason.UNKNOWN_ORDER_TYPE));
        assertThat(ledger.metrics.moved.keySet()).containsAll(EnumSet.complementOf(EnumSet.of(MovementKind.UNKNOWN)));
        assertThat(ledger.metrics.decided.keySet()).containsAll(EnumSet.complementOf(EnumSet.of(DecisionKind.UNKNOWN)));
        assertThat(ledger.metrics.discrepancies.keySet()).containsAll(EnumSet.allOf(DiscrepancyKind.class));
      }
    }
    assertThat(events).as("events checked").isGreaterThan(SEQUENCES * 10L);
    assertThat(chainedEntries).as("journal entries whose chain was verified").isGreaterThan(SEQUENCES * 5L);
    assertThat(viewsThatAddUp).as("views whose balances were checked to add up").isGreaterThan(SEQUENCES * 5L);
  }

  /** Every wallet's entries, in the order written, verify as a hash chain from the genesis value, hashed the auditor's way. */
  private static long assertEveryWalletChains(List<WalletEntry> journal, String context) {
    Map<String, ChainCheck.Tip> tips = new HashMap<>();
    for (WalletEntry entry : journal) {
      String wallet = entry.getPartnerId() + "|" + entry.getCurrency();
      ChainCheck.Tip tip = tips.getOrDefault(wallet, ChainCheck.Tip.start());
      assertThat(ChainCheck.check(tip, entry)).as("chain of %s at %d, %s", wallet, entry.getSequence(), context).isNull();
      tips.put(wallet, ChainCheck.after(entry));
    }
    return journal.size();
  }

  /**
   * The seed's fields add up on every booked view: the distance from walletBalanceBefore to walletBalanceAfter is the
   * amount the order is booked at, which is what the API serves as its amount (OrderDtoMapper).
   */
  private static long assertEveryViewAddsUp(List<OrderView> views, String context) {
    long checked = 0;
    for (OrderView view : views) {
      if (view.getWalletBalanceBeforeMinor() == null) {
        assertThat(view.getWalletBalanceAfterMinor()).as("after without before, %s", context).isNull();
        continue;
      }
      long booked = Math.abs(view.getWalletBalanceAfterMinor() - view.getWalletBalanceBeforeMinor());
      assertThat(view.getRefundedMinor()).as("refunded beyond booked for %s v%d, %s", view.getOrderId(), view.getVersion(), context)
          .isLessThanOrEqualTo(booked);
      checked++;
    }
    return checked;
  }
}
