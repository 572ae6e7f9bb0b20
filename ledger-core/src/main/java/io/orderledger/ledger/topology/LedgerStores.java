package io.orderledger.ledger.topology;

/**
 * Names of the ledger's state stores. Changelog topics are named after them
 * ({@code <application.id>-<store>-changelog}), so renaming one starts it from empty: never rename.
 */
public final class LedgerStores {

  /** Order id → {@code LedgerOrderState}: state, money charged and refunded, applied event ids. RocksDB. */
  public static final String ORDERS = "ledger-orders";
  /** Partner id → {@code WalletState}: debit and credit volumes per currency. Small, so in memory. */
  public static final String WALLETS = "ledger-wallets";
  /** Order id → the partner that first claimed it, across all partitions (global store over order-owners). */
  public static final String ORDER_OWNERS = "ledger-order-owners";

  private LedgerStores() {
  }
}
