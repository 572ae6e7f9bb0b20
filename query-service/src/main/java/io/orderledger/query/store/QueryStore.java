package io.orderledger.query.store;

/**
 * The query service's stores. Each is a key range of its task's one RocksDB store, {@link #TASK_STORE}: every key
 * starts with the store's prefix byte ({@link KeyspaceView}). The materialiser writes them ({@link Keyspace}), and every
 * partition's readers get each ({@link LocalStores.Partition}): a new store is one constant here (with a prefix never
 * used before), its materialiser and its reader. Key layouts after the prefix: {@link StoreKeys}.
 *
 * <p>Why one store and not one per kind: Kafka Streams opens every store of a task twice at each start (the state
 * directory's startup tasks, then the assignment), and each RocksDB open here took about 25 ms: ten stores in twelve
 * tasks were 6.8 s of the query service's 12.8 s restart (BENCHMARKS.md, 2026-12-05).
 */
public enum QueryStore {

  /** partner 00 orderId → {@link StoredOrder}: the order's current API JSON. */
  ORDERS(1, "query-orders", Keys.BYTES),
  /** The secondary indexes over orders ({@link StoreKeys}); values are empty. */
  ORDER_INDEX(2, "query-order-index", Keys.BYTES),
  /** partner → {@code WalletState}: the partner's wallets from the journal. */
  WALLETS(3, "query-wallets", Keys.TEXT),
  /** Every version of every order ({@link StoredVersion}): what {@code asOf} answers from. */
  ORDER_VERSIONS(4, "query-order-versions", Keys.BYTES),
  /** Every ledger decision on every order, as its rendered JSON: an order's history. */
  ORDER_HISTORY(5, "query-order-history", Keys.BYTES),
  /** The source's record per event (canonical JSON), shown beside each decision. */
  SOURCE_RECORDS(6, "query-source-records", Keys.BYTES),
  /** Every journal entry ({@link StoredEntry}), by wallet and sequence: the statement. */
  JOURNAL(7, "query-journal", Keys.BYTES),
  /** The journal by time (empty values): where a statement's period starts, a wallet's balance at a time. */
  JOURNAL_TIME(8, "query-journal-time", Keys.BYTES),
  /** Each wallet's hash-chain check ({@link ChainState}) and its latest signed checkpoint, as they arrived. */
  CHAINS(9, "query-journal-chains", Keys.TEXT),
  /** Every wallet discrepancy the ledger recorded, as its rendered JSON, newest first per partner. */
  DISCREPANCIES(10, "query-discrepancies", Keys.BYTES);

  /** How a store is keyed: built byte keys ({@link StoreKeys}) or plain text. */
  public enum Keys { BYTES, TEXT }

  /**
   * The Kafka Streams store of each task that holds every one of these, and (suffixed) its changelog topic's name:
   * never rename it.
   */
  public static final String TASK_STORE = "query-state";

  private final byte prefix;
  private final String label;
  private final Keys keys;

  QueryStore(int prefix, String label, Keys keys) {
    this.prefix = (byte) prefix;
    this.label = label;
    this.keys = keys;
  }

  /** The first byte of each of this store's keys in {@link #TASK_STORE}: never change or reuse one. */
  public byte prefix() {
    return prefix;
  }

  /** The store's name in logs and decoding errors (each store's own name when each was a store of its own). */
  public String label() {
    return label;
  }

  public Keys keys() {
    return keys;
  }
}
