package io.orderledger.query.read;

import io.orderledger.query.store.LocalStores;

/** Readers over one partition's stores: everything the API can ask of the partners on it. */
public record PartnerData(OrderReader orders, HistoryReader history, StatementReader statements, WalletReader wallets,
                          DiscrepancyReader discrepancies) {

  public static PartnerData of(LocalStores.Partition stores) {
    WalletChains chains = new WalletChains(stores.chains(), stores.journal());
    return new PartnerData(new OrderReader(stores.orders(), stores.index(), stores.versions()),
        new HistoryReader(stores.history(), stores.sourceRecords()),
        new StatementReader(stores.journal(), stores.journalTime(), chains),
        new WalletReader(stores.wallets(), stores.journal(), stores.journalTime(), chains),
        new DiscrepancyReader(stores.discrepancies()));
  }
}
