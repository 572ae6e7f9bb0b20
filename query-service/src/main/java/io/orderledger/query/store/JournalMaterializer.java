package io.orderledger.query.store;

import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.events.journal.JournalVerifier;
import io.orderledger.events.state.CurrencyBalance;
import io.orderledger.events.state.WalletState;
import io.orderledger.events.wallet.CurrencyBalances;
import io.orderledger.query.model.JsonRenderer;
import io.orderledger.query.model.StatementEntryMapper;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A journal entry into the wallet (balances by {@link CurrencyBalances}), the statement stores (by sequence and by
 * time) and the wallet's chain check. Entries arrive in journal order, which is chain order, so each is checked
 * against the entry before it ({@link JournalVerifier}): the first that breaks the chain is recorded with its
 * sequence and the problem, and every entry keeps its own verdict, so a statement can say where a journal was altered.
 * An entry whose sequence was already stored is a replay if it is the same entry, and a break if it is not.
 */
final class JournalMaterializer {

  private final KeyValueStore<String, byte[]> wallets;
  private final KeyValueStore<Bytes, byte[]> journal;
  private final KeyValueStore<Bytes, byte[]> journalTime;
  private final KeyValueStore<String, byte[]> chains;
  private final MaterializerMetrics metrics;
  private final SingleObjectCodec<WalletState> walletCodec = SingleObjectCodec.of(WalletState.class);

  JournalMaterializer(KeyValueStore<String, byte[]> wallets, KeyValueStore<Bytes, byte[]> journal, KeyValueStore<Bytes, byte[]> journalTime,
                      KeyValueStore<String, byte[]> chains, MaterializerMetrics metrics) {
    this.wallets = wallets;
    this.journal = journal;
    this.journalTime = journalTime;
    this.chains = chains;
    this.metrics = metrics;
  }

  void apply(WalletEntry entry) {
    String chainKey = StoreKeys.chain(entry.getPartnerId(), entry.getCurrency());
    byte[] storedChain = chains.get(chainKey);
    ChainState chain = storedChain == null ? ChainState.start() : ChainState.decode(storedChain);
    Bytes key = StoreKeys.journal(entry.getPartnerId(), entry.getCurrency(), entry.getSequence());
    Optional<JournalVerifier.Break> problem = JournalVerifier.check(chain.tip(), entry);
    byte[] json = JsonRenderer.render(StatementEntryMapper.toDto(entry, problem.map(JournalVerifier.Break::problem).orElse(null)));

    if (entry.getSequence() <= chain.tip().sequence()) {
      byte[] stored = journal.get(key);
      if (stored != null && sameEntry(stored, entry)) {
        return; // a replayed entry
      }
      // Another entry under a sequence already taken: the journal holds two versions of the wallet's history.
      if (chain.firstBreak() == null) {
        chains.put(chainKey, new ChainState(chain.tip(), problem.orElseThrow()).encode());
      }
      metrics.journalEntryBroken();
      return;
    }
    journal.put(key, new StoredEntry(entry.getBookedAt(), problem.map(JournalVerifier.Break::problem).orElse(null), json).encode());
    journalTime.put(StoreKeys.journalTime(entry.getPartnerId(), entry.getCurrency(), entry.getBookedAt(), entry.getSequence()), new byte[0]);
    chains.put(chainKey, new ChainState(JournalVerifier.Tip.after(entry), chain.firstBreak() != null ? chain.firstBreak() : problem.orElse(null))
        .encode());
    if (problem.isPresent()) {
      metrics.journalEntryBroken();
    }

    byte[] storedWallet = wallets.get(entry.getPartnerId());
    WalletState wallet = storedWallet == null ? null : walletCodec.decode(QueryStores.WALLETS, storedWallet);
    Map<String, CurrencyBalance> balances = wallet == null ? new HashMap<>() : new HashMap<>(wallet.getBalances());
    balances.put(entry.getCurrency(), CurrencyBalances.after(balances.getOrDefault(entry.getCurrency(), CurrencyBalances.empty()), entry));
    wallets.put(entry.getPartnerId(), walletCodec.encode(new WalletState(entry.getPartnerId(), balances, wallet == null ? 0L : wallet.getClock())));
    metrics.journalEntryApplied();
  }

  /** The stored line is this entry, field for field: rendered again with the verdict it was stored with, it is the same. */
  private static boolean sameEntry(byte[] stored, WalletEntry entry) {
    StoredEntry line = StoredEntry.decode(stored);
    return Arrays.equals(line.json(), JsonRenderer.render(StatementEntryMapper.toDto(entry, line.problem())));
  }
}
