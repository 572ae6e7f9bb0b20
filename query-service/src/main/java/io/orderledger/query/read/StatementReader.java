package io.orderledger.query.read;

import io.orderledger.query.model.ChainDto;
import io.orderledger.query.store.StoreKeys;
import io.orderledger.query.store.StoredEntry;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
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
  private final PagedRange paging;

  public StatementReader(ReadOnlyKeyValueStore<Bytes, byte[]> journal, ReadOnlyKeyValueStore<Bytes, byte[]> journalTime, WalletChains chains,
                         PagedRange paging) {
    this.journal = journal;
    this.journalTime = journalTime;
    this.chains = chains;
    this.paging = paging;
  }

  /** What a statement cursor is bound to: this endpoint, this currency and this period. */
  static String signature(String currency, Long from, Long to) {
    return "statement;" + currency + ";" + from + ".." + to;
  }

  /**
   * @param from entries booked at or after this (unix ms), or null from the first
   * @param to entries booked at or before this, or null to the last
   * @param cursor the client's continue cursor, or null for the first page
   * @throws InvalidCursor when the cursor is not one issued for this statement
   */
  public Page statement(String partnerId, String currency, Long from, Long to, String cursor, int limit) {
    String signature = signature(currency, from, to);
    PagedRange.Resume resume = paging.resume(partnerId, signature, cursor, 0);
    if (resume.after() != null && resume.after().length != Long.BYTES) {
      throw new InvalidCursor("cursor is not a statement cursor; start again without it");
    }
    byte[] prefix = StoreKeys.walletPrefix(partnerId, currency);
    long first = resume.after() != null ? StoreKeys.sequenceAt(resume.after()) + 1 : from == null ? 1 : firstBookedFrom(prefix, from);
    List<JsonSlice> entries = List.of();
    boolean done = true;
    byte[] last = StoreKeys.longPosition(first - 1);
    if (first > 0) {
      PagedRange.Slice<JsonSlice> slice = PagedRange.read(journal, List.of(new PagedRange.Range(prefix, StoreKeys.suffixed(prefix, first), null)),
          null, limit, new PagedRange.Items<>() {
            @Override
            public JsonSlice item(byte[] key, byte[] value, int prefixLength) {
              return JsonSlice.from(value, StoredEntry.jsonOffset(value));
            }

            @Override
            public boolean endsBefore(byte[] value) {
              return to != null && StoredEntry.decode(value).bookedAt() > to;
            }
          });
      entries = slice.items();
      done = slice.done();
      last = slice.last() != null ? slice.last() : last;
    }
    return new Page(currency, entries, done, paging.cursor(partnerId, signature, 0, last), chains.chain(partnerId, currency));
  }

  /** The sequence of the first entry booked at or after {@code from}; 0 when there is none. */
  private long firstBookedFrom(byte[] prefix, long from) {
    try (KeyValueIterator<Bytes, byte[]> range = journalTime.range(StoreKeys.suffixed(prefix, from), StoreKeys.end(prefix))) {
      return range.hasNext() ? StoreKeys.sequenceOfJournalTimeKey(range.next().key.get(), prefix.length) : 0;
    }
  }

}
