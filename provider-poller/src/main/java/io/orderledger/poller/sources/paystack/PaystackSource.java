package io.orderledger.poller.sources.paystack;

import io.orderledger.events.MoneyFlow;
import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.mapping.RecordMapper;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.sources.SupportedSource;

/** Paystack's orders (seed 004): "orders for your products", so the partner's customers pay the partner. */
public final class PaystackSource implements SupportedSource {

  @Override
  public String system() {
    return "paystack";
  }

  @Override
  public MoneyFlow defaultMoneyFlow() {
    return MoneyFlow.SALE;
  }

  @Override
  public SourcePaging paging(SourceConfig source, UpstreamHttp http) {
    return new PaystackPaging(source, http);
  }

  @Override
  public RecordMapper mapper(SourceConfig source) {
    return new PaystackMapper(source);
  }

  @Override
  public String toString() {
    return system();
  }
}
