package io.orderledger.poller.sources.giftcard;

import io.orderledger.events.MoneyFlow;
import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.mapping.RecordMapper;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.sources.SupportedSource;

/** The gift-card reseller (seed 002): the partner buys gift cards. */
public final class GiftCardSource implements SupportedSource {

  @Override
  public String system() {
    return "gift_card";
  }

  @Override
  public MoneyFlow defaultMoneyFlow() {
    return MoneyFlow.PURCHASE;
  }

  @Override
  public SourcePaging paging(SourceConfig source, UpstreamHttp http) {
    return new GiftCardPaging(source, http);
  }

  @Override
  public RecordMapper mapper(SourceConfig source) {
    return new GiftCardMapper(source);
  }

  @Override
  public String toString() {
    return system();
  }
}
