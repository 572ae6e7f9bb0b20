package io.orderledger.query.read;

import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.events.money.MinorUnits;
import io.orderledger.events.state.WalletState;
import io.orderledger.query.model.WalletDto;
import io.orderledger.query.model.WalletDtoMapper;
import io.orderledger.query.store.QueryStore;
import io.orderledger.query.store.StoreKeys;
import io.orderledger.query.store.StoredEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads a partner's wallets: now, from the wallets store; or as they stood at a time, from the journal by time. */
public final class WalletReader {

  private static final SingleObjectCodec<WalletState> WALLETS = SingleObjectCodec.of(WalletState.class);

  private final ReadOnlyKeyValueStore<String, byte[]> wallets;
  private final ReadOnlyKeyValueStore<Bytes, byte[]> journal;
  private final ReadOnlyKeyValueStore<Bytes, byte[]> journalTime;
  private final WalletChains chains;

  public WalletReader(ReadOnlyKeyValueStore<String, byte[]> wallets, ReadOnlyKeyValueStore<Bytes, byte[]> journal,
                      ReadOnlyKeyValueStore<Bytes, byte[]> journalTime, WalletChains chains) {
    this.wallets = wallets;
    this.journal = journal;
    this.journalTime = journalTime;
    this.chains = chains;
  }

  public WalletDto now(String partnerId) {
    return WalletDtoMapper.toDto(partnerId, state(partnerId), null, currency -> chains.chain(partnerId, currency));
  }

  /** The partner's currencies that had moved by {@code asOf}, each with the balance its last entry by then left. */
  public WalletDto asOf(String partnerId, long asOf) {
    WalletState now = state(partnerId);
    List<WalletDto.CurrencyWallet> then = new ArrayList<>();
    if (now != null) {
      for (String currency : now.getBalances().keySet()) {
        byte[] prefix = StoreKeys.walletPrefix(partnerId, currency);
        try (KeyValueIterator<Bytes, byte[]> latest = journalTime.reverseRange(Bytes.wrap(prefix),
            StoreKeys.journalTime(partnerId, currency, asOf, Long.MAX_VALUE))) {
          if (!latest.hasNext()) {
            continue;
          }
          long sequence = StoreKeys.sequenceOfJournalTimeKey(latest.next().key.get(), prefix.length);
          StoredEntry entry = StoredEntry.decode(journal.get(StoreKeys.journal(partnerId, currency, sequence)));
          then.add(new WalletDto.CurrencyWallet(currency, MinorUnits.toDecimal(entry.balanceAfterMinor(), currency), sequence,
              entry.occurredAt(), entry.orderId(), chains.chain(partnerId, currency)));
        }
      }
    }
    then.sort(Comparator.comparing(WalletDto.CurrencyWallet::lastMovementAt).reversed().thenComparing(WalletDto.CurrencyWallet::currency));
    if (then.isEmpty()) {
      return new WalletDto(partnerId, null, null, null, null, then, asOf);
    }
    WalletDto.CurrencyWallet primary = then.get(0);
    return new WalletDto(partnerId, primary.balance(), primary.currency(), primary.lastMovementAt(), primary.lastOrderId(), then, asOf);
  }

  private WalletState state(String partnerId) {
    byte[] stored = wallets.get(partnerId);
    return stored == null ? null : WALLETS.decode(QueryStore.WALLETS.label(), stored);
  }
}
