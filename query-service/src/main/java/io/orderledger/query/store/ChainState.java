package io.orderledger.query.store;

import io.orderledger.events.journal.JournalVerifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where a wallet's hash chain stands in the journal as this service has read it: the tip of the entries it applied
 * (every one of them extended the chain and carried the ledger's seal), the first entry it refused, and how many it
 * refused. A refused entry never moves the balance; the balance is always that of the tip.
 *
 * @param firstBreak the first entry refused, or null while every entry read extended the chain
 * @param refused how many entries were refused (an entry without the ledger's seal, or one that did not extend the chain)
 */
public record ChainState(JournalVerifier.Tip tip, JournalVerifier.Break firstBreak, long refused) {

  /** The problem named for an entry that does not carry the ledger's seal. */
  public static final String UNAUTHENTICATED = "UNAUTHENTICATED";

  private static final byte FORMAT = 2;
  private static final JournalVerifier.Problem[] PROBLEMS = JournalVerifier.Problem.values();

  public static ChainState start() {
    return new ChainState(JournalVerifier.Tip.start(), null, 0);
  }

  /** The state after an applied entry. */
  ChainState applied(JournalVerifier.Tip next) {
    return new ChainState(next, firstBreak, refused);
  }

  /** The state after a refused entry: the first refusal is kept, the count goes up, the tip stays. */
  ChainState refused(JournalVerifier.Break problem) {
    return new ChainState(tip, firstBreak == null ? problem : firstBreak, refused + 1);
  }

  /** The first refusal's problem in words (a {@link JournalVerifier.Problem} name, or {@value #UNAUTHENTICATED}). */
  public String problem() {
    return firstBreak == null ? null : firstBreak.detail().startsWith(UNAUTHENTICATED + ": ") ? UNAUTHENTICATED : firstBreak.problem().name();
  }

  byte[] encode() {
    byte[] hash = tip.hash().getBytes(StandardCharsets.US_ASCII);
    byte[] detail = firstBreak == null ? new byte[0] : firstBreak.detail().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + 8 + 8 + 2 + hash.length + 8 + 8 + 1 + detail.length)
        .put(FORMAT).putLong(tip.sequence()).putLong(tip.balanceMinor()).putShort((short) hash.length).put(hash).putLong(refused)
        .putLong(firstBreak == null ? 0 : firstBreak.sequence()).put((byte) (firstBreak == null ? 0 : firstBreak.problem().ordinal() + 1))
        .put(detail).array();
  }

  public static ChainState decode(byte[] stored) {
    ByteBuffer in = ByteBuffer.wrap(stored);
    byte format = in.get();
    long sequence = in.getLong();
    long balance = in.getLong();
    byte[] hash = new byte[in.getShort()];
    in.get(hash);
    long refused = format >= 2 ? in.getLong() : 0;
    long breakSequence = in.getLong();
    int problem = in.get();
    byte[] detail = new byte[in.remaining()];
    in.get(detail);
    JournalVerifier.Break firstBreak = problem == 0 ? null
        : new JournalVerifier.Break(breakSequence, PROBLEMS[problem - 1], new String(detail, StandardCharsets.UTF_8));
    return new ChainState(new JournalVerifier.Tip(sequence, new String(hash, StandardCharsets.US_ASCII), balance), firstBreak,
        format >= 2 ? refused : (firstBreak == null ? 0 : 1));
  }
}
