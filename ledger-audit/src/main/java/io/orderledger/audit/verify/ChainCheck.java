package io.orderledger.audit.verify;

import io.orderledger.audit.rules.ChainHash;
import io.orderledger.audit.rules.Expected;
import io.orderledger.events.WalletEntry;

/**
 * Checks one wallet's published journal entry by entry, in the order read, with the auditor's own hashing
 * ({@link ChainHash}, from the published schema): sequence without gap or repeat, balance continuing and moving by the
 * amount, an entry with no hash (every entry carries one since v4), previousHash linking, and the hash recomputed.
 */
public final class ChainCheck {

  /** Where a wallet's chain stands after the entries checked so far. */
  public record Tip(long sequence, String hash, long balanceMinor) {
    public static Tip start() {
      return new Tip(0, ChainHash.GENESIS, 0);
    }
  }

  /** The first thing wrong with an entry, or null. */
  public record Problem(long sequence, String what, String detail) {
  }

  private ChainCheck() {
  }

  /** Null when {@code entry} continues the chain that ends at {@code tip}. */
  public static Problem check(Tip tip, WalletEntry entry) {
    long sequence = entry.getSequence();
    if (sequence <= tip.sequence()) {
      return new Problem(sequence, "SEQUENCE_REPEATED", "sequence " + sequence + " after " + tip.sequence());
    }
    if (sequence != tip.sequence() + 1) {
      return new Problem(tip.sequence() + 1, "SEQUENCE_GAP", "expected sequence " + (tip.sequence() + 1) + ", found " + sequence);
    }
    if (entry.getBalanceBeforeMinor() != tip.balanceMinor()) {
      return new Problem(sequence, "BALANCE_CONTINUITY", "balance before " + entry.getBalanceBeforeMinor() + ", the previous entry left "
          + tip.balanceMinor());
    }
    long signed = "DEBIT".equals(entry.getDirection().name()) ? -entry.getAmountMinor() : entry.getAmountMinor();
    if (entry.getAmountMinor() < 0 || entry.getBalanceAfterMinor() != entry.getBalanceBeforeMinor() + signed) {
      return new Problem(sequence, "BALANCE_ARITHMETIC", entry.getBalanceBeforeMinor() + " " + entry.getDirection() + " "
          + entry.getAmountMinor() + " is not " + entry.getBalanceAfterMinor());
    }
    if (entry.getHash() == null) {
      return new Problem(sequence, "MISSING_HASH", "an entry without a hash: every entry is chained since v4");
    }
    if (!tip.hash().equals(entry.getPreviousHash())) {
      return new Problem(sequence, "PREVIOUS_HASH", "previousHash " + entry.getPreviousHash() + ", the previous entry's hash is " + tip.hash());
    }
    String expected = ChainHash.of(entry.getPreviousHash(), asMovement(entry));
    if (!expected.equals(entry.getHash())) {
      return new Problem(sequence, "HASH", "hash " + entry.getHash() + ", the entry's content gives " + expected);
    }
    return null;
  }

  public static Tip after(WalletEntry entry) {
    return new Tip(entry.getSequence(), entry.getHash() == null ? ChainHash.GENESIS : entry.getHash(), entry.getBalanceAfterMinor());
  }

  static Expected.Movement asMovement(WalletEntry e) {
    return new Expected.Movement(e.getEntryId(), e.getPartnerId(), e.getOrderId(), e.getEventId(), e.getKind().name(), e.getDirection().name(),
        e.getAmountMinor(), e.getCurrency(), e.getBalanceBeforeMinor(), e.getBalanceAfterMinor(), e.getSequence(), e.getRecipientIndex(),
        e.getOccurredAt(), e.getBookedAt(), e.getPreviousHash(), e.getHash());
  }
}
