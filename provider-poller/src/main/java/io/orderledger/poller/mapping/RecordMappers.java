package io.orderledger.poller.mapping;

import io.orderledger.poller.source.SourceConfig;

/** Picks the mapper for a source's API shape. */
public final class RecordMappers {

  private RecordMappers() {
  }

  public static RecordMapper forSource(SourceConfig source) {
    return switch (source.shape()) {
      case NETCONNECT -> new NetConnectMapper(source);
      case GIFT_CARD -> new GiftCardMapper(source);
      case ESIM -> new EsimMapper(source);
      case PAYSTACK -> new PaystackMapper(source);
    };
  }
}
