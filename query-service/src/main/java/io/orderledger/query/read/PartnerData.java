package io.orderledger.query.read;

import io.orderledger.query.store.LocalStores;
import io.orderledger.query.store.QueryStore;

/** Readers over one partition's stores: everything the API can ask of the partners on it. */
public record PartnerData(OrderReader orders, HistoryReader history, StatementReader statements, WalletReader wallets,
                          DiscrepancyReader discrepancies) {

  /** @param paging how every reader opens its client's cursors and reads its pages */
  public static PartnerData of(LocalStores.Partition stores, PagedRange paging) {
    WalletChains chains = new WalletChains(stores.text(QueryStore.CHAINS), stores.bytes(QueryStore.JOURNAL));
    return new PartnerData(
        new OrderReader(stores.bytes(QueryStore.ORDERS), stores.bytes(QueryStore.ORDER_INDEX), stores.bytes(QueryStore.ORDER_VERSIONS), paging),
        new HistoryReader(stores.bytes(QueryStore.ORDER_HISTORY), stores.bytes(QueryStore.SOURCE_RECORDS), paging),
        new StatementReader(stores.bytes(QueryStore.JOURNAL), stores.bytes(QueryStore.JOURNAL_TIME), chains, paging),
        new WalletReader(stores.text(QueryStore.WALLETS), stores.bytes(QueryStore.JOURNAL), stores.bytes(QueryStore.JOURNAL_TIME), chains),
        new DiscrepancyReader(stores.bytes(QueryStore.DISCREPANCIES), paging));
  }
}
