package io.orderledger.ledger.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.DiscrepancyKind;
import io.orderledger.events.MovementKind;
import io.orderledger.events.RejectReason;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.journal.JournalVerifier;
import io.orderledger.ledger.model.EventSequences.Input;
import io.orderledger.ledger.topology.LedgerDriver;
import io.orderledger.ledger.topology.LedgerTopology;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.orderledger.testing.seed.TestSeeds;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded random event sequences through the real topology and through {@link ReferenceLedger}; every
 * view, journal entry, rejection, discrepancy, decision and final balance must match exactly, and every wallet's
 * journal must verify as a hash chain. A failure names the seed: re-run one with
 * {@code -Dledger.model.seed=<seed> -Dledger.model.sequences=1}.
 */
class LedgerModelTest {

  private static final long FIRST_SEED = TestSeeds.seed("LedgerModelTest", "ledger.model.seed", 20_261_123L);
  private static final int SEQUENCES = Integer.getInteger("ledger.model.sequences", TestSeeds.exploring() ? 20_000 : 2_000);

  @Test
  void topologyAgreesWithTheReferenceFoldOnRandomSequences() {
    runSequences(LedgerTopology.StoreOptions.defaults());
  }

  @Test
  void storeCachingChangesNothingObservable() {
    runSequences(new LedgerTopology.StoreOptions(true, false));
  }

  private void runSequences(LedgerTopology.StoreOptions options) {
    long events = 0;
    long chainedEntries = 0;
    try (LedgerDriver ledger = new LedgerDriver(options)) {
      for (int n = 0; n < SEQUENCES; n++) {
        long seed = FIRST_SEED + n;
        List<Input> inputs = EventSequences.generate(seed);
        events += inputs.size();
        ReferenceLedger reference = new ReferenceLedger();
        List<String> expectedViews = new ArrayList<>();
        List<String> expectedJournal = new ArrayList<>();
        List<String> expectedRejects = new ArrayList<>();
        List<String> expectedDiscrepancies = new ArrayList<>();
        List<String> expectedDecisions = new ArrayList<>();
        for (Input input : inputs) {
          long timestamp = input.event() == null ? 1L : input.event().getObservedAt();
          ReferenceLedger.Output out = input.event() == null ? reference.undecodable()
              : reference.process(input.key(), input.event(), timestamp);
          expectedViews.addAll(out.views());
          expectedJournal.addAll(out.journal());
          expectedRejects.addAll(out.rejects());
          expectedDiscrepancies.addAll(out.discrepancies());
          expectedDecisions.addAll(out.decisions());
          if (input.event() == null) {
            ledger.sendRaw(input.key(), input.raw());
          } else {
            ledger.events.pipeInput(input.key(), input.event(), timestamp);
          }
        }
        String context = "seed " + seed + " (" + inputs.size() + " inputs); re-run with -Dledger.model.seed=" + seed
            + " -Dledger.model.sequences=1";
        assertThat(ledger.views.readKeyValuesToList()).extracting(kv -> Describe.view(kv.key, kv.value)).as("views, " + context).isEqualTo(expectedViews);
        List<WalletEntry> journal = ledger.journal.readValuesToList();
        assertThat(journal).extracting(Describe::entry).as("journal, " + context).isEqualTo(expectedJournal);
        assertThat(ledger.rejects.readValuesToList()).extracting(Describe::reject).as("rejects, " + context).isEqualTo(expectedRejects);
        assertThat(ledger.discrepancies.readValuesToList()).extracting(Describe::discrepancy).as("discrepancies, " + context)
            .isEqualTo(expectedDiscrepancies);
        assertThat(ledger.decisions.readValuesToList()).extracting(Describe::decision).as("decisions, " + context)
            .isEqualTo(expectedDecisions);
        chainedEntries += assertEveryWalletChains(journal, context);
        for (Input input : inputs) {
          if (input.event() != null) {
            String partner = input.event().getPartnerId();
            for (String currency : List.of("GHS", "USD")) {
              assertThat(ledger.balance(partner, currency)).as("balance of %s in %s, %s", partner, currency, context)
                  .isEqualTo(reference.balance(partner, currency));
            }
          }
        }
        ledger.owners.readValuesToList();
      }
      if (SEQUENCES >= 500) {
        // The generator must actually reach every rule, or agreement proves little.
        assertThat(ledger.metrics.rejected.keySet()).containsAll(EnumSet.of(RejectReason.UNDECODABLE, RejectReason.KEY_MISMATCH,
            RejectReason.INVALID_TRANSITION, RejectReason.DUPLICATE_EVENT_DIFFERENT_PAYLOAD, RejectReason.ORDER_OWNED_BY_ANOTHER_PARTNER,
            RejectReason.MISSING_AMOUNT, RejectReason.NEGATIVE_AMOUNT, RejectReason.INVALID_CURRENCY, RejectReason.CURRENCY_MISMATCH,
            RejectReason.STALE_EVENT));
        assertThat(ledger.metrics.moved.keySet()).containsAll(EnumSet.complementOf(EnumSet.of(MovementKind.UNKNOWN)));
        assertThat(ledger.metrics.decided.keySet()).containsAll(EnumSet.complementOf(EnumSet.of(DecisionKind.UNKNOWN)));
        assertThat(ledger.metrics.discrepancies.keySet()).containsAll(EnumSet.allOf(DiscrepancyKind.class));
      }
    }
    assertThat(events).as("events checked").isGreaterThan(SEQUENCES * 10L);
    assertThat(chainedEntries).as("journal entries whose chain was verified").isGreaterThan(SEQUENCES * 5L);
  }

  /** Every wallet's entries, in the order written, verify as a hash chain from the genesis value. */
  private static long assertEveryWalletChains(List<WalletEntry> journal, String context) {
    Map<String, JournalVerifier.Tip> tips = new HashMap<>();
    for (WalletEntry entry : journal) {
      String wallet = entry.getPartnerId() + "|" + entry.getCurrency();
      JournalVerifier.Tip tip = tips.getOrDefault(wallet, JournalVerifier.Tip.start());
      assertThat(JournalVerifier.check(tip, entry)).as("chain of %s at %d, %s", wallet, entry.getSequence(), context).isEmpty();
      tips.put(wallet, JournalVerifier.Tip.after(entry));
    }
    return journal.size();
  }
}
