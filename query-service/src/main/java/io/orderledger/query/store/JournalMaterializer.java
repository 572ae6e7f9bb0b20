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
 * A journal entry into the wallet (balances by {@link CurrencyBalances}), the statement stores (by sequence and by time)
 * and the wallet's chain, but only an entry the service can trust: one that carries the ledger's seal and extends its
 * wallet's chain from the tip ({@link JournalVerifier}). Anything else (a forged entry however well chained, one
 * without a hash, one at a sequence taken or far ahead) is refused: it moves no balance, is not in the statement, and
 * the wallet's chain state names the first refusal and counts them. Genuine entries after a forged one still apply, since
 * a forgery never becomes the tip. An entry whose sequence was stored already is a replay if it is the same entry.
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

  /**
   * An entry that carries the ledger's seal: applied if it extends its wallet's chain, refused otherwise. A replay (an
   * entry already in the chain, read again after a restart) changes nothing, except that each store catches up on its
   * own: under at-least-once a crash can leave the stores torn (the changelog record of one store's write sent, another's
   * not yet), and the input is then read again from the last commit. So the wallet moves only for an entry past its own
   * last sequence, and the chain's tip, when its journal line was lost, is written again.
   */
  void apply(WalletEntry entry) {
    String chainKey = StoreKeys.chain(entry.getPartnerId(), entry.getCurrency());
    ChainState chain = chain(chainKey);
    Bytes key = StoreKeys.journal(entry.getPartnerId(), entry.getCurrency(), entry.getSequence());
    if (entry.getSequence() <= chain.tip().sequence()) {
      byte[] stored = journal.get(key);
      boolean replayed = stored != null ? sameEntry(stored, entry)
          : entry.getSequence() == chain.tip().sequence() && java.util.Objects.equals(entry.getHash(), chain.tip().hash());
      if (replayed) {
        if (stored == null) {
          putJournalLine(key, entry);
        }
        moveWallet(entry);
        return;
      }
    }
    Optional<JournalVerifier.Break> problem = JournalVerifier.check(chain.tip(), entry);
    if (problem.isPresent()) {
      refuse(chainKey, chain, problem.get());
      return;
    }
    putJournalLine(key, entry);
    chains.put(chainKey, chain.applied(JournalVerifier.Tip.after(entry)).encode());
    moveWallet(entry);
    metrics.journalEntryApplied();
  }

  private void putJournalLine(Bytes key, WalletEntry entry) {
    byte[] json = JsonRenderer.render(StatementEntryMapper.toDto(entry, null));
    journal.put(key, new StoredEntry(entry.getBookedAt(), null, entry.getBalanceAfterMinor(), entry.getOccurredAt(), entry.getOrderId(),
        entry.getHash(), json).encode());
    journalTime.put(StoreKeys.journalTime(entry.getPartnerId(), entry.getCurrency(), entry.getBookedAt(), entry.getSequence()), new byte[0]);
  }

  /** The wallet after the entry, unless the wallet has it already (its currency's last sequence is at or past it). */
  private void moveWallet(WalletEntry entry) {
    byte[] storedWallet = wallets.get(entry.getPartnerId());
    WalletState wallet = storedWallet == null ? null : walletCodec.decode(QueryStore.WALLETS.label(), storedWallet);
    Map<String, CurrencyBalance> balances = wallet == null ? new HashMap<>() : new HashMap<>(wallet.getBalances());
    CurrencyBalance current = balances.getOrDefault(entry.getCurrency(), CurrencyBalances.empty());
    if (current.getSequence() >= entry.getSequence()) {
      return;
    }
    balances.put(entry.getCurrency(), CurrencyBalances.after(current, entry));
    wallets.put(entry.getPartnerId(), walletCodec.encode(new WalletState(entry.getPartnerId(), balances, wallet == null ? 0L : wallet.getClock())));
  }

  /** An entry without the ledger's seal: refused whatever it says. */
  void unauthenticated(WalletEntry entry) {
    String chainKey = StoreKeys.chain(entry.getPartnerId(), entry.getCurrency());
    refuse(chainKey, chain(chainKey), new JournalVerifier.Break(entry.getSequence(), JournalVerifier.Problem.HASH,
        ChainState.UNAUTHENTICATED + ": the entry does not carry the ledger's seal"));
    metrics.unauthenticated("wallet-journal");
  }

  private void refuse(String chainKey, ChainState chain, JournalVerifier.Break problem) {
    chains.put(chainKey, chain.refused(problem).encode());
    metrics.journalEntryBroken();
  }

  private ChainState chain(String chainKey) {
    byte[] stored = chains.get(chainKey);
    return stored == null ? ChainState.start() : ChainState.decode(stored);
  }

  /** The stored line is this entry, field for field: rendered again with the verdict it was stored with, it is the same. */
  private static boolean sameEntry(byte[] stored, WalletEntry entry) {
    StoredEntry line = StoredEntry.decode(stored);
    return Arrays.equals(line.json(), JsonRenderer.render(StatementEntryMapper.toDto(entry, line.problem())));
  }
}
