package io.orderledger.query.store;

import java.util.Arrays;

/**
 * The journal by time ({@link QueryStore#JOURNAL_TIME}) as the task store derives it from the journal
 * ({@link QueryStore#JOURNAL}): an entry's time key ({@code partner 00 currency 00 bookedAt sequence}) follows its
 * journal line ({@code partner 00 currency 00 sequence}, whose stored value begins with its booking time), in the same
 * write as the line.
 */
public final class DerivedJournalTime implements DerivedWrites {

  private static final byte[] PRESENT = new byte[0];
  private static final int SEQUENCE = 8;
  /** Where every stored journal line's booking time is ({@link StoredEntry}, every format): after the format byte. */
  private static final int BOOKED_AT = 1;

  @Override
  public boolean derivesFrom(byte[] taskKey) {
    return taskKey.length > 0 && taskKey[0] == QueryStore.JOURNAL.prefix();
  }

  @Override
  public boolean isDerived(byte[] taskKey) {
    return taskKey.length > 0 && taskKey[0] == QueryStore.JOURNAL_TIME.prefix();
  }

  @Override
  public void derive(byte[] taskKey, byte[] before, byte[] after, Sink into) throws Exception {
    byte[] was = before == null ? null : timeKey(taskKey, before);
    byte[] now = after == null ? null : timeKey(taskKey, after);
    if (was != null && !Arrays.equals(was, now)) {
      into.write(was, null);
    }
    if (now != null && !Arrays.equals(was, now)) {
      into.write(now, PRESENT);
    }
  }

  /** {@code journal-time prefix, the line's wallet prefix, its booking time, its sequence}. */
  private static byte[] timeKey(byte[] journalTaskKey, byte[] stored) {
    int wallet = journalTaskKey.length - SEQUENCE;
    byte[] key = new byte[journalTaskKey.length + 8];
    key[0] = QueryStore.JOURNAL_TIME.prefix();
    System.arraycopy(journalTaskKey, 1, key, 1, wallet - 1);
    System.arraycopy(stored, BOOKED_AT, key, wallet, 8);
    System.arraycopy(journalTaskKey, wallet, key, wallet + 8, SEQUENCE);
    return key;
  }
}
