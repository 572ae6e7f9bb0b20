package io.orderledger.poller.sources.giftcard;

import io.orderledger.events.MoneyFlow;
import io.orderledger.poller.sources.SupportedSource;

/** The gift-card reseller (seed 002): the partner buys gift cards. */
public final class GiftCardSource {

  public static final SupportedSource API = new SupportedSource("gift_card", MoneyFlow.PURCHASE, false, GiftCardPaging::new, GiftCardMapper::new);

  private GiftCardSource() {
  }
}
