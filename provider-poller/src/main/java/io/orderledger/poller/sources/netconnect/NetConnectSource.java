package io.orderledger.poller.sources.netconnect;

import io.orderledger.events.MoneyFlow;
import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.mapping.RecordMapper;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.sources.SupportedSource;

/** The NetConnect partner API (seeds 000, 001): the partner buys data, airtime, result checkers and top-ups. */
public final class NetConnectSource implements SupportedSource {

  @Override
  public String system() {
    return "netconnect";
  }

  @Override
  public MoneyFlow defaultMoneyFlow() {
    return MoneyFlow.PURCHASE;
  }

  /** The API we serve is NetConnect's: its order ids are the canonical ones. */
  @Override
  public boolean keepsNativeOrderIds() {
    return true;
  }

  @Override
  public SourcePaging paging(SourceConfig source, UpstreamHttp http) {
    return new NetConnectPaging(source, http);
  }

  @Override
  public RecordMapper mapper(SourceConfig source) {
    return new NetConnectMapper(source);
  }

  @Override
  public String toString() {
    return system();
  }
}
