package io.orderledger.simulator.sources;

import io.orderledger.simulator.world.ListOrder;
import io.orderledger.simulator.world.SimSource;
import io.orderledger.simulator.world.SourceShape;
import io.orderledger.simulator.sources.esim.EsimShape;
import io.orderledger.simulator.sources.giftcard.GiftCardShape;
import io.orderledger.simulator.sources.netconnect.NetConnectShape;
import io.orderledger.simulator.sources.paystack.PaystackShape;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The registry of simulated APIs: a new one is its folder beside these and one line here. */
public final class SimulatedApis {

  public static final NetConnectShape NETCONNECT = new NetConnectShape();
  public static final GiftCardShape GIFT_CARD = new GiftCardShape();
  public static final EsimShape ESIM = new EsimShape();
  public static final PaystackShape PAYSTACK = new PaystackShape();

  /** Every simulated API, in the order the seeds describe them. */
  public static final List<SimulatedApi> ALL = List.of(NETCONNECT, GIFT_CARD, ESIM, PAYSTACK);

  private SimulatedApis() {
  }

  /**
   * The API by its shape's name ({@code netconnect}, {@code gift_card}, {@code esim}, {@code paystack}), in any case and
   * with '-' for '_'.
   */
  public static SimulatedApi named(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return ALL.stream().filter(api -> api.name().equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown source shape '" + name + "': one of "
            + ALL.stream().map(SourceShape::name).collect(Collectors.joining(", "))));
  }

  /** The API that serves a source of this shape. */
  public static SimulatedApi of(SourceShape shape) {
    return shape instanceof SimulatedApi api ? api : named(shape.name());
  }

  /** Parses {@code id=shape:partner[:currency[:newest|oldest]]}, for example {@code nc-a=netconnect:partner-a:GHS}. */
  public static SimSource parse(String spec) {
    String[] idAndRest = spec.split("=", 2);
    String[] parts = idAndRest.length == 2 ? idAndRest[1].split(":") : new String[0];
    if (parts.length < 2) {
      throw new IllegalArgumentException("source spec must look like id=shape:partner[:currency[:newest|oldest]], got " + spec);
    }
    SourceShape shape = named(parts[0]);
    String currency = parts.length > 2 ? parts[2] : shape.defaultCurrency();
    SimSource source = SimSource.withDefaultCredentials(idAndRest[0], shape, parts[1], currency);
    return parts.length > 3 ? source.listing(ListOrder.valueOf(parts[3].toUpperCase(Locale.ROOT) + "_FIRST")) : source;
  }
}
