package io.orderledger.poller.sources;

import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.mapping.RecordMapper;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.source.SourceKind;

/** An upstream API the poller can read: its description, how its listing is paged, and how its records map. */
public interface SupportedSource extends SourceKind {

  SourcePaging paging(SourceConfig source, UpstreamHttp http);

  RecordMapper mapper(SourceConfig source);
}
