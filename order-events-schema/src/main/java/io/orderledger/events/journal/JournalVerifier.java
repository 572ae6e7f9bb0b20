package io.orderledger.events.journal;

import io.orderledger.events.MovementDirection;
import io.orderledger.events.WalletEntry;
import java.util.Optional;

/**
 * Checks a wallet's journal entry by entry, in sequence order: the sequence has no gap or repeat, the balance
 * continues from the previous entry and moves by the entry's amount, and the hash chain holds ({@link JournalChain}).
 * The first entry that fails is where the journal was altered, or lost an entry, or gained one.
 *
 * <p>Every entry is chained since v4, when the chain began: an entry without a hash breaks it (MISSING_HASH), as it
 * would let anyone restart a wallet's chain from the genesis value in the middle of its journal.
 */
public final class JournalVerifier {

  /** What is wrong with an entry. */
  public enum Problem {
    /** The sequence skips: an entry before this one is missing. */
    SEQUENCE_GAP,
    /** The sequence was seen already: an entry was added or replayed with other content. */
    SEQUENCE_REPEATED,
    /** previousHash is not the hash of the wallet's previous entry: an entry before it was altered, removed or moved. */
    PREVIOUS_HASH,
    /** hash is not what the entry's own content gives: the entry was altered. */
    HASH,
    /** balanceBefore is not the previous entry's balanceAfter. */
    BALANCE_CONTINUITY,
    /** balanceAfter is not balanceBefore moved by the amount in the entry's direction. */
    BALANCE_ARITHMETIC,
    /** The entry carries no hash: it is outside the chain. */
    MISSING_HASH
  }

  /** The first bad entry of a wallet, and why. */
  public record Break(long sequence, Problem problem, String detail) {
  }

  /**
   * Where a wallet's verified chain stands: after its entry {@code sequence}, with that entry's hash (the genesis value
   * before any) and balance.
   */
  public record Tip(long sequence, String hash, long balanceMinor) {
    public static Tip start() {
      return new Tip(0, JournalChain.GENESIS, 0);
    }

    /** The tip after an entry that has been checked. */
    public static Tip after(WalletEntry entry) {
      return new Tip(entry.getSequence(), entry.getHash() == null ? JournalChain.GENESIS : entry.getHash(), entry.getBalanceAfterMinor());
    }
  }

  private JournalVerifier() {
  }

  /** Empty when {@code next} continues the chain that ends at {@code tip}; else the first problem found. */
  public static Optional<Break> check(Tip tip, WalletEntry next) {
    long sequence = next.getSequence();
    if (sequence <= tip.sequence()) {
      return broken(sequence, Problem.SEQUENCE_REPEATED, "sequence " + sequence + " after " + tip.sequence());
    }
    if (sequence != tip.sequence() + 1) {
      return broken(tip.sequence() + 1, Problem.SEQUENCE_GAP, "expected sequence " + (tip.sequence() + 1) + ", found " + sequence);
    }
    if (next.getBalanceBeforeMinor() != tip.balanceMinor()) {
      return broken(sequence, Problem.BALANCE_CONTINUITY,
          "balance before " + next.getBalanceBeforeMinor() + ", but the previous entry left " + tip.balanceMinor());
    }
    long moved = next.getDirection() == MovementDirection.DEBIT ? -next.getAmountMinor() : next.getAmountMinor();
    if (next.getAmountMinor() < 0 || next.getBalanceAfterMinor() != next.getBalanceBeforeMinor() + moved) {
      return broken(sequence, Problem.BALANCE_ARITHMETIC, next.getBalanceBeforeMinor() + " " + next.getDirection() + " "
          + next.getAmountMinor() + " is not " + next.getBalanceAfterMinor());
    }
    if (next.getHash() == null) {
      return broken(sequence, Problem.MISSING_HASH, "an entry without a hash: every entry is chained since v4");
    }
    if (!tip.hash().equals(next.getPreviousHash())) {
      return broken(sequence, Problem.PREVIOUS_HASH, "previousHash " + next.getPreviousHash() + ", but the previous entry's hash is " + tip.hash());
    }
    String expected = JournalChain.hash(next.getPreviousHash(), next);
    if (!expected.equals(next.getHash())) {
      return broken(sequence, Problem.HASH, "hash " + next.getHash() + ", but the entry's content gives " + expected);
    }
    return Optional.empty();
  }

  private static Optional<Break> broken(long sequence, Problem problem, String detail) {
    return Optional.of(new Break(sequence, problem, detail));
  }
}
