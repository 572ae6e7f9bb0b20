package io.orderledger.query.read;

import io.orderledger.query.model.ChainDto;
import io.orderledger.query.store.ChainState;
import io.orderledger.query.store.StoreKeys;
import io.orderledger.query.store.StoredCheckpoint;
import io.orderledger.query.store.StoredEntry;
import java.util.Locale;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads where a wallet's chain stands and its latest checkpoint, and whether the checkpoint holds against the journal. */
public final class WalletChains {

  private final ReadOnlyKeyValueStore<String, byte[]> chains;
  private final ReadOnlyKeyValueStore<Bytes, byte[]> journal;

  public WalletChains(ReadOnlyKeyValueStore<String, byte[]> chains, ReadOnlyKeyValueStore<Bytes, byte[]> journal) {
    this.chains = chains;
    this.journal = journal;
  }

  public ChainDto chain(String partnerId, String currency) {
    ChainDto.CheckpointDto checkpoint = checkpoint(partnerId, currency);
    byte[] stored = chains.get(StoreKeys.chain(partnerId, currency));
    if (stored == null) {
      return new ChainDto("empty", 0, null, null, null, 0, checkpoint);
    }
    ChainState state = ChainState.decode(stored);
    if (state.firstBreak() == null) {
      return new ChainDto("verified", state.tip().sequence(), null, null, null, 0, checkpoint);
    }
    return new ChainDto("broken", state.tip().sequence(), state.firstBreak().sequence(), state.problem().toLowerCase(Locale.ROOT),
        state.firstBreak().detail(), state.refused(), checkpoint);
  }

  private ChainDto.CheckpointDto checkpoint(String partnerId, String currency) {
    byte[] stored = chains.get(StoreKeys.checkpoint(partnerId, currency));
    if (stored == null) {
      return null;
    }
    StoredCheckpoint latest = StoredCheckpoint.decode(stored);
    var c = latest.checkpoint();
    byte[] entry = journal.get(StoreKeys.journal(partnerId, currency, c.getSequence()));
    String against;
    if (entry == null) {
      against = "ahead";
    } else {
      against = c.getHash().equals(StoredEntry.decode(entry).hash()) ? "matches" : "differs";
    }
    return new ChainDto.CheckpointDto(c.getSequence(), c.getHash(), c.getBalanceMinor(), c.getSignedAt(), c.getKeyId(), latest.signature(), against);
  }
}
