package io.orderledger.events.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.MovementKind;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.journal.JournalVerifier.Break;
import io.orderledger.events.journal.JournalVerifier.Problem;
import io.orderledger.events.journal.JournalVerifier.Tip;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each way of tampering with a journal is found at the entry where it happened. */
class JournalVerifierTest {

  /** A correct chain of five movements. */
  private static List<WalletEntry> chain() {
    List<WalletEntry> entries = new ArrayList<>();
    String previous = JournalChain.GENESIS;
    long balance = 0;
    MovementKind[] kinds = {MovementKind.TOP_UP_CREDIT, MovementKind.ORDER_DEBIT, MovementKind.ORDER_DEBIT, MovementKind.ORDER_REFUND,
        MovementKind.SALE_CREDIT};
    long[] amounts = {10_000, 425, 1_500, 425, 20_000};
    for (int i = 0; i < kinds.length; i++) {
      WalletEntry entry = JournalChainTest.entry(i + 1, kinds[i], amounts[i], balance, null, previous);
      entry.setHash(JournalChain.hash(previous, entry));
      entries.add(entry);
      previous = entry.getHash();
      balance = entry.getBalanceAfterMinor();
    }
    return entries;
  }

  private static Optional<Break> firstBreak(List<WalletEntry> entries) {
    Tip tip = Tip.start();
    for (WalletEntry entry : entries) {
      Optional<Break> broken = JournalVerifier.check(tip, entry);
      if (broken.isPresent()) {
        return broken;
      }
      tip = Tip.after(entry);
    }
    return Optional.empty();
  }

  @Test
  void anIntactChainVerifies() {
    assertThat(firstBreak(chain())).isEmpty();
  }

  @Test
  void anAlteredAmountIsFoundAtItsEntry() {
    List<WalletEntry> entries = chain();
    WalletEntry altered = entries.get(2);
    altered.setAmountMinor(1_000);
    altered.setBalanceAfterMinor(altered.getBalanceBeforeMinor() - 1_000);

    assertThat(firstBreak(entries)).hasValueSatisfying(b -> {
      assertThat(b.sequence()).isEqualTo(3);
      assertThat(b.problem()).isEqualTo(Problem.HASH);
    });
  }

  @Test
  void aRemovedEntryIsAGapAtItsSequence() {
    List<WalletEntry> entries = chain();
    entries.remove(1);

    assertThat(firstBreak(entries)).hasValueSatisfying(b -> {
      assertThat(b.sequence()).isEqualTo(2);
      assertThat(b.problem()).isEqualTo(Problem.SEQUENCE_GAP);
    });
  }

  @Test
  void aRemovedEntryWithTheRestRenumberedBreaksTheHashChain() {
    List<WalletEntry> entries = chain();
    entries.remove(1);
    for (int i = 1; i < entries.size(); i++) {
      entries.get(i).setSequence(i + 1);
    }
    assertThat(firstBreak(entries)).hasValueSatisfying(b -> assertThat(b.sequence()).isEqualTo(2));
  }

  @Test
  void twoEntriesSwappedAreFoundAtTheFirstOfThem() {
    List<WalletEntry> entries = chain();
    WalletEntry third = entries.remove(2);
    entries.add(3, third);

    assertThat(firstBreak(entries)).hasValueSatisfying(b -> assertThat(b.sequence()).isEqualTo(3));
  }

  @Test
  void aForgedEntryWithACorrectHashStillRepeatsASequence() {
    List<WalletEntry> entries = chain();
    WalletEntry last = entries.get(entries.size() - 1);
    WalletEntry forged = JournalChainTest.entry(last.getSequence(), MovementKind.TOP_UP_CREDIT, 1_000_000, last.getBalanceBeforeMinor(), null,
        last.getPreviousHash());
    forged.setHash(JournalChain.hash(forged.getPreviousHash(), forged));
    entries.add(forged);

    assertThat(firstBreak(entries)).hasValueSatisfying(b -> {
      assertThat(b.sequence()).isEqualTo(last.getSequence());
      assertThat(b.problem()).isEqualTo(Problem.SEQUENCE_REPEATED);
    });
  }

  @Test
  void aWrongBalanceIsFound() {
    List<WalletEntry> entries = chain();
    entries.get(3).setBalanceBeforeMinor(entries.get(3).getBalanceBeforeMinor() + 1);

    assertThat(firstBreak(entries)).hasValueSatisfying(b -> {
      assertThat(b.sequence()).isEqualTo(4);
      assertThat(b.problem()).isEqualTo(Problem.BALANCE_CONTINUITY);
    });
  }
}
