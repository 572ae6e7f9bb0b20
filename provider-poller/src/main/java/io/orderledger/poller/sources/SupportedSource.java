package io.orderledger.poller.sources;

import io.orderledger.events.MoneyFlow;
import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.mapping.RecordMapper;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.source.SourceKind;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An upstream API the poller can read: its description ({@link SourceKind}), how its listing is paged, and how its
 * records map. Each API declares one in its own folder.
 */
public record SupportedSource(String system, MoneyFlow defaultMoneyFlow, boolean keepsNativeOrderIds,
                              BiFunction<SourceConfig, UpstreamHttp, SourcePaging> pagingFactory,
                              Function<SourceConfig, RecordMapper> mapperFactory) implements SourceKind {

  public SourcePaging paging(SourceConfig source, UpstreamHttp http) {
    return pagingFactory.apply(source, http);
  }

  public RecordMapper mapper(SourceConfig source) {
    return mapperFactory.apply(source);
  }

  @Override
  public String toString() {
    return system;
  }
}
