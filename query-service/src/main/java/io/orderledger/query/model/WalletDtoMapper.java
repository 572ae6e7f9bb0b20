package io.orderledger.query.model;

import io.orderledger.events.money.MinorUnits;
import io.orderledger.events.state.CurrencyBalance;
import io.orderledger.events.state.WalletState;
import io.orderledger.events.wallet.CurrencyBalances;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A partner's wallets, as the ledger's journal made them, as the API's {@link WalletDto}. */
public final class WalletDtoMapper {

  private WalletDtoMapper() {
  }

  /**
   * @param state the wallets now, or at {@code asOf}; null when the partner has none
   * @param asOf the time asked for, or null for now
   * @param chains each currency's chain and checkpoint
   */
  public static WalletDto toDto(String partnerId, WalletState state, Long asOf, java.util.function.Function<String, ChainDto> chains) {
    List<WalletDto.CurrencyWallet> list = new ArrayList<>();
    if (state != null) {
      for (Map.Entry<String, CurrencyBalance> entry : state.getBalances().entrySet()) {
        CurrencyBalance b = entry.getValue();
        list.add(new WalletDto.CurrencyWallet(entry.getKey(), MinorUnits.toDecimal(CurrencyBalances.balance(b), entry.getKey()),
            b.getSequence(), b.getLastMovementAt(), b.getLastOrderId(), chains.apply(entry.getKey())));
      }
    }
    list.sort(Comparator.comparing(WalletDto.CurrencyWallet::lastMovementAt).reversed().thenComparing(WalletDto.CurrencyWallet::currency));
    if (list.isEmpty()) {
      return new WalletDto(partnerId, null, null, null, null, list, asOf);
    }
    WalletDto.CurrencyWallet primary = list.get(0);
    return new WalletDto(partnerId, primary.balance(), primary.currency(), primary.lastMovementAt(), primary.lastOrderId(), list, asOf);
  }
}
