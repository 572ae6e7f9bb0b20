package io.orderledger.poller.paging;

import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.source.SourceConfig;

/** Picks the paging for a source's API shape. */
public final class SourcePagings {

  private SourcePagings() {
  }

  public static SourcePaging forSource(SourceConfig source, UpstreamHttp http) {
    return switch (source.shape()) {
      case NETCONNECT -> new NetConnectPaging(source, http);
      case GIFT_CARD -> new GiftCardPaging(source, http);
      case ESIM -> new EsimPaging(source, http);
      case PAYSTACK -> new PaystackPaging(source, http);
    };
  }
}
