package io.orderledger.query.read;

import io.orderledger.query.store.LocalStores;

/** Readers over one partition's stores: everything the API can ask of the partners on it. */
public record PartnerData(OrderReader orders, HistoryReader history, StatementReader statements, WalletReader wallets,
                          DiscrepancyReader discrepancies) {

  public static PartnerData of(LocalStores.Partition stores) {
    return new PartnerData(new OrderReader(stores.orders(), stores.index(), stores.versions()),
        new HistoryReader(stores.history(), stores.sourceRecords()),
        new StatementReader(stores.journal(), stores.journalTime(), stores.chains()),
        new WalletReader(stores.wallets(), stores.journal(), stores.journalTime()),
        new DiscrepancyReader(stores.discrepancies()));
  }
}
