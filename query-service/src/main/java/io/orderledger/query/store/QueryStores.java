package io.orderledger.query.store;

/** Names of the query service's state stores (and so of their changelogs): never rename one. */
public final class QueryStores {

  /** partner 00 orderId → {@link StoredOrder}. */
  public static final String ORDERS = "query-orders";
  /** The secondary indexes over orders ({@link StoreKeys}); values are empty. */
  public static final String ORDER_INDEX = "query-order-index";
  /** partner → {@code WalletState}: the partner's wallets from the journal. */
  public static final String WALLETS = "query-wallets";

  private QueryStores() {
  }
}
