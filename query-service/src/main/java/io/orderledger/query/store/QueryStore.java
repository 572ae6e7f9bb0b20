package io.orderledger.query.store;

/**
 * The query service's state stores. The topology creates each, the materialiser writes them, and every partition's
 * readers get each ({@link LocalStores.Partition}): a new store is one constant here, its materialiser and its reader.
 * A store's name is also its changelog's: never rename one. Key layouts: {@link StoreKeys}.
 */
public enum QueryStore {

  /** partner 00 orderId → {@link StoredOrder}: the order's current API JSON. */
  ORDERS("query-orders", Keys.BYTES),
  /** The secondary indexes over orders ({@link StoreKeys}); values are empty. */
  ORDER_INDEX("query-order-index", Keys.BYTES),
  /** partner → {@code WalletState}: the partner's wallets from the journal. */
  WALLETS("query-wallets", Keys.TEXT),
  /** Every version of every order ({@link StoredVersion}): what {@code asOf} answers from. */
  ORDER_VERSIONS("query-order-versions", Keys.BYTES),
  /** Every ledger decision on every order, as its rendered JSON: an order's history. */
  ORDER_HISTORY("query-order-history", Keys.BYTES),
  /** The source's record per event (canonical JSON), shown beside each decision. */
  SOURCE_RECORDS("query-source-records", Keys.BYTES),
  /** Every journal entry ({@link StoredEntry}), by wallet and sequence: the statement. */
  JOURNAL("query-journal", Keys.BYTES),
  /** The journal by time (empty values): where a statement's period starts, a wallet's balance at a time. */
  JOURNAL_TIME("query-journal-time", Keys.BYTES),
  /** Each wallet's hash-chain check ({@link ChainState}) and its latest signed checkpoint, as they arrived. */
  CHAINS("query-journal-chains", Keys.TEXT),
  /** Every wallet discrepancy the ledger recorded, as its rendered JSON, newest first per partner. */
  DISCREPANCIES("query-discrepancies", Keys.BYTES);

  /** How a store is keyed: built byte keys ({@link StoreKeys}) or plain text. */
  public enum Keys { BYTES, TEXT }

  private final String storeName;
  private final Keys keys;

  QueryStore(String storeName, Keys keys) {
    this.storeName = storeName;
    this.keys = keys;
  }

  /** The Kafka Streams store name (and, suffixed, its changelog topic's). */
  public String storeName() {
    return storeName;
  }

  public Keys keys() {
    return keys;
  }
}
