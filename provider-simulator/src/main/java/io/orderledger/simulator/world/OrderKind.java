package io.orderledger.simulator.world;

/** What an order buys, which decides its price range and, for top-ups, the direction of the wallet movement. */
public enum OrderKind {
  DATA("data"), AIRTIME("airtime"), RESULT_CHECKER("result_checker"), TOP_UP("top_up"), BULK_DATA("data"),
  GIFT_CARD("gift_card"), ESIM("esim"), PRODUCT("product");

  private final String netConnectType;

  OrderKind(String netConnectType) {
    this.netConnectType = netConnectType;
  }

  /** The NetConnect {@code orderType} value. */
  public String netConnectType() {
    return netConnectType;
  }
}
