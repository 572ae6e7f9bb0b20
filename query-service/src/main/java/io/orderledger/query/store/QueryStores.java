package io.orderledger.query.store;

/** Names of the query service's state stores (and so of their changelogs): never rename one. Key layouts: {@link StoreKeys}. */
public final class QueryStores {

  /** partner 00 orderId → {@link StoredOrder}: the order's current API JSON. */
  public static final String ORDERS = "query-orders";
  /** The secondary indexes over orders ({@link StoreKeys}); values are empty. */
  public static final String ORDER_INDEX = "query-order-index";
  /** partner → {@code WalletState}: the partner's wallets from the journal. */
  public static final String WALLETS = "query-wallets";
  /** Every version of every order ({@link StoredVersion}): what {@code asOf} answers from. */
  public static final String ORDER_VERSIONS = "query-order-versions";
  /** Every ledger decision on every order, as its rendered JSON: an order's history. */
  public static final String ORDER_HISTORY = "query-order-history";
  /** The source's record per event (canonical JSON), shown beside each decision. */
  public static final String SOURCE_RECORDS = "query-source-records";
  /** Every journal entry ({@link StoredEntry}), by wallet and sequence: the statement. */
  public static final String JOURNAL = "query-journal";
  /** The journal by time (empty values): where a statement's period starts, a wallet's balance at a time. */
  public static final String JOURNAL_TIME = "query-journal-time";
  /** Each wallet's hash-chain check ({@link ChainState}), as the journal's entries arrived. */
  public static final String CHAINS = "query-journal-chains";
  /** Every wallet discrepancy the ledger recorded, as its rendered JSON, newest first per partner. */
  public static final String DISCREPANCIES = "query-discrepancies";

  private QueryStores() {
  }
}
