package io.orderledger.poller.sources.esim;

import io.orderledger.events.MoneyFlow;
import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.mapping.RecordMapper;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.sources.SupportedSource;

/** The eSIM provider (seed 003): the partner buys eSIM bundles. */
public final class EsimSource implements SupportedSource {

  @Override
  public String system() {
    return "esim";
  }

  @Override
  public MoneyFlow defaultMoneyFlow() {
    return MoneyFlow.PURCHASE;
  }

  @Override
  public SourcePaging paging(SourceConfig source, UpstreamHttp http) {
    return new EsimPaging(source, http);
  }

  @Override
  public RecordMapper mapper(SourceConfig source) {
    return new EsimMapper(source);
  }

  @Override
  public String toString() {
    return system();
  }
}
