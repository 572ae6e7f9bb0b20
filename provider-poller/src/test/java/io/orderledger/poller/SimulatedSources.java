package io.orderledger.poller;

import io.orderledger.events.OrderState;
import io.orderledger.poller.sources.SupportedSources;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.simulator.server.ProviderSimulator;
import io.orderledger.simulator.world.Change;
import io.orderledger.simulator.world.ListOrder;
import io.orderledger.simulator.world.SimSource;
import io.orderledger.simulator.world.SimState;
import io.orderledger.simulator.sources.SimulatedApi;
import io.orderledger.simulator.sources.SimulatedApis;
import io.orderledger.simulator.world.SourceShape;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/** Test glue between the simulator's sources and the poller's configuration of them. */
public final class SimulatedSources {

  /**
   * One source of each simulated API, in the registry's order, each listing in its likely native order and in its
   * default currency: the first two feed partner-a, the next partner-b, partner-c, and so on (ids {@code netconnect-a},
   * {@code gift_card-a}, {@code esim-b}, {@code paystack-c}, ...).
   */
  public static final List<SimSource> ONE_OF_EACH = IntStream.range(0, SimulatedApis.ALL.size()).mapToObj(i -> {
    SimulatedApi api = SimulatedApis.ALL.get(i);
    char partner = (char) ('a' + Math.max(0, i - 1));
    return SimSource.withDefaultCredentials(api.name() + "-" + partner, api, "partner-" + partner, api.defaultCurrency());
  }).toList();

  private SimulatedSources() {
  }

  /** One source of each simulated API, every one listing in the given order. */
  public static List<SimSource> oneOfEach(ListOrder order) {
    return ONE_OF_EACH.stream().map(source -> source.listing(order)).toList();
  }

  public static SourceConfig config(ProviderSimulator simulator, SimSource source, int pageSize, Duration settleWindow) {
    return new SourceConfig(source.id(), SupportedSources.named(source.shape().name()), URI.create(simulator.baseUrl(source.id())),
        source.partnerId(), source.apiKey(), source.apiSecret(), pageSize, settleWindow);
  }

  /** The canonical order id the poller gives a simulated order. */
  public static String orderId(String sourceId, SourceShape shape, String nativeId) {
    return SupportedSources.named(shape.name()).keepsNativeOrderIds() ? nativeId : sourceId + ":" + nativeId;
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
