package io.orderledger.query.read;

import io.orderledger.query.model.ChainDto;
import io.orderledger.query.store.StoreKeys;
import io.orderledger.query.store.StoredEntry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a wallet statement: the journal's entries of one currency in sequence order, with their balances and hashes,
 * and where the wallet's hash chain stands. A period ({@code from}, {@code to}) starts at the first entry booked at
 * or after {@code from}, found in the time index, and reads only that period: a wallet's entries are booked in
 * sequence order, so a period is one range of sequences.
 */
public final class StatementReader {

  /** One page of a statement. */
  public record Page(String currency, List<JsonSlice> entries, boolean done, String continueCursor, ChainDto chain) {
  }

  private final ReadOnlyKeyValueStore<Bytes, byte[]> journal;
  private final ReadOnlyKeyValueStore<Bytes, byte[]> journalTime;
  private final WalletChains chains;

  public StatementReader(ReadOnlyKeyValueStore<Bytes, byte[]> journal, ReadOnlyKeyValueStore<Bytes, byte[]> journalTime, WalletChains chains) {
    this.journal = journal;
    this.journalTime = journalTime;
    this.chains = chains;
  }

  /** What a statement cursor is bound to: this endpoint, this currency and this period. */
  public static String signature(String currency, Long from, Long to) {
    return "statement;" + currency + ";" + from + ".." + to;
  }

  /**
   * @param from entries booked at or after this (unix ms), or null from the first
   * @param to entries booked at or before this, or null to the last
   * @param afterSequence the last sequence already read (from a cursor), or null
   */
  public Page statement(String partnerId, String currency, Long from, Long to, Long afterSequence, int limit, CursorCodec cursors) {
    byte[] prefix = StoreKeys.walletPrefix(partnerId, currency);
    long first = afterSequence != null ? afterSequence + 1 : from == null ? 1 : firstBookedFrom(prefix, from);
    List<JsonSlice> entries = new ArrayList<>(limit);
    long last = afterSequence == null ? first - 1 : afterSequence;
    boolean more = false;
    if (first > 0) {
      try (KeyValueIterator<Bytes, byte[]> range = journal.range(StoreKeys.suffixed(prefix, first), StoreKeys.end(prefix))) {
        while (range.hasNext()) {
          KeyValue<Bytes, byte[]> next = range.next();
          if (to != null && StoredEntry.decode(next.value).bookedAt() > to) {
            break;
          }
          if (entries.size() == limit) {
            more = true;
            break;
          }
          entries.add(JsonSlice.from(next.value, StoredEntry.jsonOffset()));
          last = StoreKeys.longAt(next.key.get(), prefix.length);
        }
      }
    }
    String cursor = cursors.encode(new Cursor(partnerId, signature(currency, from, to), 0, java.nio.ByteBuffer.allocate(8).putLong(last).array()));
    return new Page(currency, entries, !more, cursor, chains.chain(partnerId, currency));
  }

  /** The sequence of the first entry booked at or after {@code from}; 0 when there is none. */
  private long firstBookedFrom(byte[] prefix, long from) {
    try (KeyValueIterator<Bytes, byte[]> range = journalTime.range(StoreKeys.suffixed(prefix, from), StoreKeys.end(prefix))) {
      return range.hasNext() ? StoreKeys.longAt(range.next().key.get(), prefix.length + 8) : 0;
    }
  }

}
