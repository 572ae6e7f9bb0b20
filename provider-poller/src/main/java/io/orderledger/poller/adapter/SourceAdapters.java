package io.orderledger.poller.adapter;

import io.orderledger.poller.http.UpstreamHttp;
import java.util.function.LongSupplier;

/** Picks the adapter for a source's API shape. */
public final class SourceAdapters {

  private SourceAdapters() {
  }

  public static SourceAdapter forSource(SourceConfig source, UpstreamHttp http, LongSupplier clock) {
    return switch (source.shape()) {
      case NETCONNECT -> new NetConnectAdapter(source, http, clock);
      case GIFT_CARD -> new GiftCardAdapter(source, http, clock);
      case ESIM -> new EsimAdapter(source, http, clock);
      case PAYSTACK -> new PaystackAdapter(source, http, clock);
    };
  }
}
