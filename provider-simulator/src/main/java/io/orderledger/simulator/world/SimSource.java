package io.orderledger.simulator.world;

import java.util.Locale;

/**
 * One upstream source: an API shape serving one partner's orders in one currency, behind its own credentials.
 * It is served under {@code /<id>/} on the simulator.
 */
public record SimSource(String id, SourceShape shape, String partnerId, String currency, String apiKey, String apiSecret) {

  /** Parses {@code id=shape:partner[:currency]}, for example {@code nc-a=netconnect:partner-a:GHS}. */
  public static SimSource parse(String spec) {
    String[] idAndRest = spec.split("=", 2);
    if (idAndRest.length != 2) {
      throw new IllegalArgumentException("source spec must look like id=shape:partner[:currency], got " + spec);
    }
    String[] parts = idAndRest[1].split(":");
    if (parts.length < 2) {
      throw new IllegalArgumentException("source spec must look like id=shape:partner[:currency], got " + spec);
    }
    SourceShape shape = SourceShape.valueOf(parts[0].toUpperCase(Locale.ROOT).replace('-', '_'));
    String currency = parts.length > 2 ? parts[2] : defaultCurrency(shape);
    return withDefaultCredentials(idAndRest[0], shape, parts[1], currency);
  }

  /** Credentials derived from the id, so a poller configured for the same source id knows them: {@code <id>-key}, {@code <id>-secret}. */
  public static SimSource withDefaultCredentials(String id, SourceShape shape, String partnerId, String currency) {
    return new SimSource(id, shape, partnerId, currency, id + "-key", id + "-secret");
  }

  private static String defaultCurrency(SourceShape shape) {
    return switch (shape) {
      case NETCONNECT -> "GHS";
      case GIFT_CARD, ESIM -> "USD";
      case PAYSTACK -> "NGN";
    };
  }
}
