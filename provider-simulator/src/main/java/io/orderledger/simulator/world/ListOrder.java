package io.orderledger.simulator.world;

/**
 * The order in which a source's listing returns orders. The seeds never say; a poller must read either correctly, so
 * each simulated source can serve either.
 */
public enum ListOrder {
  NEWEST_FIRST, OLDEST_FIRST;

  /** How the real API is most likely to list (and how the first stage assumed it did). */
  public static ListOrder nativeFor(SourceShape shape) {
    return switch (shape) {
      case NETCONNECT, PAYSTACK -> NEWEST_FIRST;
      case GIFT_CARD, ESIM -> OLDEST_FIRST;
    };
  }
}
