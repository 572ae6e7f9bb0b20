package io.orderledger.simulator.world;

/**
 * One upstream source: an API shape serving one partner's orders in one currency, behind its own credentials, listed
 * in one order. It is served under {@code /<id>/} on the simulator. {@code SimulatedApis.parse} reads one from its spec.
 */
public record SimSource(String id, SourceShape shape, String partnerId, String currency, String apiKey, String apiSecret,
                        ListOrder listOrder) {

  /** Credentials derived from the id, so a poller configured for the same source id knows them: {@code <id>-key}, {@code <id>-secret}. */
  public static SimSource withDefaultCredentials(String id, SourceShape shape, String partnerId, String currency) {
    return new SimSource(id, shape, partnerId, currency, id + "-key", id + "-secret", shape.nativeListOrder());
  }

  /** The same source, listing its orders in the given order. */
  public SimSource listing(ListOrder order) {
    return new SimSource(id, shape, partnerId, currency, apiKey, apiSecret, order);
  }

  /** A sale source: the partner's customers pay the partner; see {@link SourceShape#sells()}. */
  public boolean sells() {
    return shape.sells();
  }
}
