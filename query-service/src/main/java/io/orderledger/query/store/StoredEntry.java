package io.orderledger.query.store;

import io.orderledger.events.journal.JournalVerifier;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One journal entry as the statement shows it: when it was booked, whether it continued its wallet's chain when it
 * arrived (null) or which problem it showed, and its statement JSON.
 *
 * <pre>  format(1) bookedAt(8) problem(1: 0 for none, else the Problem's position + 1) json(...)</pre>
 */
public record StoredEntry(long bookedAt, JournalVerifier.Problem problem, byte[] json) {

  private static final byte FORMAT = 1;
  private static final int HEADER = 10;
  private static final JournalVerifier.Problem[] PROBLEMS = JournalVerifier.Problem.values();

  byte[] encode() {
    return ByteBuffer.allocate(HEADER + json.length).put(FORMAT).putLong(bookedAt).put((byte) (problem == null ? 0 : problem.ordinal() + 1))
        .put(json).array();
  }

  public static StoredEntry decode(byte[] stored) {
    ByteBuffer in = ByteBuffer.wrap(stored);
    in.get();
    long bookedAt = in.getLong();
    int problem = in.get();
    return new StoredEntry(bookedAt, problem == 0 ? null : PROBLEMS[problem - 1], Arrays.copyOfRange(stored, HEADER, stored.length));
  }

  /** The JSON in place: from {@link #jsonOffset()} to the end of the stored bytes. */
  public static int jsonOffset() {
    return HEADER;
  }
}
