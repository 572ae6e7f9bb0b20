package io.orderledger.poller;

import io.orderledger.events.OrderState;
import io.orderledger.poller.adapter.ApiShape;
import io.orderledger.poller.adapter.SourceConfig;
import io.orderledger.simulator.server.ProviderSimulator;
import io.orderledger.simulator.world.Change;
import io.orderledger.simulator.world.SimSource;
import io.orderledger.simulator.world.SimState;
import io.orderledger.simulator.world.SourceShape;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Test glue between the simulator's sources and the poller's configuration of them. */
public final class SimulatedSources {

  /** One source of each shape: two feed partner-a, one each for partner-b and partner-c. */
  public static final List<SimSource> ALL_FOUR = List.of(
      SimSource.withDefaultCredentials("nc-a", SourceShape.NETCONNECT, "partner-a", "GHS"),
      SimSource.withDefaultCredentials("gc-a", SourceShape.GIFT_CARD, "partner-a", "USD"),
      SimSource.withDefaultCredentials("esim-b", SourceShape.ESIM, "partner-b", "USD"),
      SimSource.withDefaultCredentials("ps-c", SourceShape.PAYSTACK, "partner-c", "NGN"));

  private SimulatedSources() {
  }

  public static SourceConfig config(ProviderSimulator simulator, SimSource source, int pageSize, Duration settleWindow) {
    return new SourceConfig(source.id(), ApiShape.valueOf(source.shape().name()), URI.create(simulator.baseUrl(source.id())),
        source.partnerId(), source.apiKey(), source.apiSecret(), pageSize, settleWindow);
  }

  /** The canonical order id the poller gives a simulated order. */
  public static String orderId(String sourceId, SourceShape shape, String nativeId) {
    return shape == SourceShape.NETCONNECT ? nativeId : sourceId + ":" + nativeId;
  }

  /** What a change looks like as "order id | fingerprint", the poller's notion of one distinct change. */
  public static String describe(Change change, SourceShape shape) {
    String state = state(change.state()).name();
    return orderId(change.sourceId(), shape, change.orderId()) + "|"
        + (change.recipientStates().isEmpty() ? state : state + ":" + change.recipientStates());
  }

  public static OrderState state(SimState state) {
    return OrderState.valueOf(state.name());
  }
}
