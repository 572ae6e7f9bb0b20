package io.orderledger.poller;

import io.orderledger.events.OrderState;
import io.orderledger.poller.sources.SupportedSources;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.simulator.server.ProviderSimulator;
import io.orderledger.simulator.world.Change;
import io.orderledger.simulator.world.ListOrder;
import io.orderledger.simulator.world.SimSource;
import io.orderledger.simulator.world.SimState;
import io.orderledger.simulator.world.SourceShape;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Test glue between the simulator's sources and the poller's configuration of them. */
public final class SimulatedSources {

  /** One source of each shape, each listing in its likely native order: two feed partner-a, one each partner-b and -c. */
  public static final List<SimSource> ALL_FOUR = List.of(
      SimSource.withDefaultCredentials("nc-a", SourceShape.NETCONNECT, "partner-a", "GHS"),
      SimSource.withDefaultCredentials("gc-a", SourceShape.GIFT_CARD, "partner-a", "USD"),
      SimSource.withDefaultCredentials("esim-b", SourceShape.ESIM, "partner-b", "USD"),
      SimSource.withDefaultCredentials("ps-c", SourceShape.PAYSTACK, "partner-c", "NGN"));

  private SimulatedSources() {
  }

  /** The four sources, every one listing in the given order. */
  public static List<SimSource> allFour(ListOrder order) {
    return ALL_FOUR.stream().map(source -> source.listing(order)).toList();
  }

  public static SourceConfig config(ProviderSimulator simulator, SimSource source, int pageSize, Duration settleWindow) {
    return new SourceConfig(source.id(), SupportedSources.named(source.shape().name()), URI.create(simulator.baseUrl(source.id())),
        source.partnerId(), source.apiKey(), source.apiSecret(), pageSize, settleWindow);
  }

  /** The canonical order id the poller gives a simulated order. */
  public static String orderId(String sourceId, SourceShape shape, String nativeId) {
    return shape == SourceShape.NETCONNECT ? nativeId : sourceId + ":" + nativeId;
  }

  public static OrderState state(SimState state) {
    return OrderState.valueOf(state.name());
  }

  /**
   * The snapshot fields an event must name for a change the simulator made ({@link Change#what()}); the event may
   * name more (NetConnect's updatedAt moves with every change).
   */
  public static List<String> fieldsNamedBy(Change change) {
    return change.what().stream().map(what -> switch (what) {
      case "created" -> "";
      case "state" -> "state";
      case "recipients" -> "bulkRecipients[";
      case "providerRef" -> "providerRef";
      case "errorMessage" -> "errorMessage";
      case "amount" -> "amountMinor";
      case "delivery" -> "sourceStatus";
      case "statusMessage" -> "sourceRecord";
      default -> throw new IllegalArgumentException("unknown change " + what);
    }).filter(field -> !field.isEmpty()).toList();
  }
}
