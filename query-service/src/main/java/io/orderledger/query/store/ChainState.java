package io.orderledger.query.store;

import io.orderledger.events.journal.JournalVerifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where a wallet's hash chain stands in the journal as this service has read it: the last entry's tip, and the first
 * entry that broke the chain, if one did.
 *
 * @param firstBreak the first problem found, or null while the chain holds
 */
public record ChainState(JournalVerifier.Tip tip, JournalVerifier.Break firstBreak) {

  private static final byte FORMAT = 1;
  private static final JournalVerifier.Problem[] PROBLEMS = JournalVerifier.Problem.values();

  public static ChainState start() {
    return new ChainState(JournalVerifier.Tip.start(), null);
  }

  byte[] encode() {
    byte[] hash = tip.hash().getBytes(StandardCharsets.US_ASCII);
    byte[] detail = firstBreak == null ? new byte[0] : firstBreak.detail().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + 8 + 8 + 2 + hash.length + 8 + 1 + detail.length)
        .put(FORMAT).putLong(tip.sequence()).putLong(tip.balanceMinor()).putShort((short) hash.length).put(hash)
        .putLong(firstBreak == null ? 0 : firstBreak.sequence()).put((byte) (firstBreak == null ? 0 : firstBreak.problem().ordinal() + 1))
        .put(detail).array();
  }

  public static ChainState decode(byte[] stored) {
    ByteBuffer in = ByteBuffer.wrap(stored);
    in.get();
    long sequence = in.getLong();
    long balance = in.getLong();
    byte[] hash = new byte[in.getShort()];
    in.get(hash);
    long breakSequence = in.getLong();
    int problem = in.get();
    byte[] detail = new byte[in.remaining()];
    in.get(detail);
    JournalVerifier.Break firstBreak = problem == 0 ? null
        : new JournalVerifier.Break(breakSequence, PROBLEMS[problem - 1], new String(detail, StandardCharsets.UTF_8));
    return new ChainState(new JournalVerifier.Tip(sequence, new String(hash, StandardCharsets.US_ASCII), balance), firstBreak);
  }
}
