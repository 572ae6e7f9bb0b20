package io.orderledger.simulator.world;

import java.util.Locale;

/**
 * One upstream source: an API shape serving one partner's orders in one currency, behind its own credentials, listed
 * in one order. It is served under {@code /<id>/} on the simulator.
 */
public record SimSource(String id, SourceShape shape, String partnerId, String currency, String apiKey, String apiSecret,
                        ListOrder listOrder) {

  /** Parses {@code id=shape:partner[:currency[:newest|oldest]]}, for example {@code nc-a=netconnect:partner-a:GHS}. */
  public static SimSource parse(String spec) {
    String[] idAndRest = spec.split("=", 2);
    if (idAndRest.length != 2) {
      throw new IllegalArgumentException("source spec must look like id=shape:partner[:currency[:newest|oldest]], got " + spec);
    }
    String[] parts = idAndRest[1].split(":");
    if (parts.length < 2) {
      throw new IllegalArgumentException("source spec must look like id=shape:partner[:currency[:newest|oldest]], got " + spec);
    }
    SourceShape shape = SourceShape.valueOf(parts[0].toUpperCase(Locale.ROOT).replace('-', '_'));
    String currency = parts.length > 2 ? parts[2] : defaultCurrency(shape);
    SimSource source = withDefaultCredentials(idAndRest[0], shape, parts[1], currency);
    return parts.length > 3 ? source.listing(ListOrder.valueOf(parts[3].toUpperCase(Locale.ROOT) + "_FIRST")) : source;
  }

  /** Credentials derived from the id, so a poller configured for the same source id knows them: {@code <id>-key}, {@code <id>-secret}. */
  public static SimSource withDefaultCredentials(String id, SourceShape shape, String partnerId, String currency) {
    return new SimSource(id, shape, partnerId, currency, id + "-key", id + "-secret", ListOrder.nativeFor(shape));
  }

  /** The same source, listing its orders in the given order. */
  public SimSource listing(ListOrder order) {
    return new SimSource(id, shape, partnerId, currency, apiKey, apiSecret, order);
  }

  /** A sale source: the partner's customers pay the partner (Paystack, seed 004); every other shape sells to the partner. */
  public boolean sells() {
    return shape == SourceShape.PAYSTACK;
  }

  private static String defaultCurrency(SourceShape shape) {
    return switch (shape) {
      case NETCONNECT -> "GHS";
      case GIFT_CARD, ESIM -> "USD";
      case PAYSTACK -> "NGN";
    };
  }
}
