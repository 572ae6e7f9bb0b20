package io.orderledger.poller.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderType;
import io.orderledger.events.RejectReason;
import io.orderledger.poller.SimulatedSources;
import io.orderledger.poller.http.ResilienceSettings;
import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.simulator.server.Faults;
import io.orderledger.simulator.server.ProviderSimulator;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimOrder;
import io.orderledger.simulator.world.SimSource;
import io.orderledger.simulator.world.WorldSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each adapter against the simulator serving its API shape over HTTP: a scan sees every order exactly as the source
 * holds it (id, state, amount, currency, type), across page boundaries, empty sources, exact and partial last pages,
 * page sizes above the API's cap, duplicated and reordered pages.
 */
class AdapterContractTest {

  private ProviderSimulator simulator;

  static List<SimSource> sources() {
    return SimulatedSources.ALL_FOUR;
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }

  private SourceAdapter start(SimSource source, int ordersPerStep, int steps, int pageSize) {
    ProviderWorld world = ProviderWorld.stepped(WorldSettings.stepped(11, ordersPerStep), 1_780_000_000_000L, List.of(source));
    for (int i = 0; i < steps; i++) {
      world.step();
    }
    simulator = ProviderSimulator.start(world, new Faults(3), 0);
    SourceConfig config = SimulatedSources.config(simulator, source, pageSize, Duration.ofSeconds(7));
    return SourceAdapters.forSource(config, new UpstreamHttp(source.id(), ResilienceSettings.defaults(), failure -> { }), () -> 42L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void aFullScanSeesEveryOrderAsTheSourceHoldsIt(SimSource source) {
    SourceAdapter adapter = start(source, 37, 9, 25);

    ScanResult scan = adapter.scan(ScanWindow.EVERYTHING);

    assertThat(scan.complete()).as(scan.incompleteReason()).isTrue();
    assertThat(scan.rejects()).isEmpty();
    Map<String, SimOrder> truth = truth(source);
    assertThat(scan.observations()).hasSize(truth.size());
    assertThat(scan.pages()).as("pages of 25").isGreaterThanOrEqualTo((truth.size() + 24) / 25);
    for (Observation observation : scan.observations()) {
      SimOrder order = truth.get(observation.orderId());
      assertThat(order).as("order %s exists upstream", observation.orderId()).isNotNull();
      assertThat(observation.snapshot().getState()).isEqualTo(SimulatedSources.state(order.state()));
      assertThat(observation.snapshot().getAmountMinor()).isEqualTo(order.amountMinor());
      assertThat(observation.snapshot().getCurrency()).isEqualTo(source.currency());
      assertThat(observation.createdAt()).isEqualTo(order.createdAt());
      assertThat(observation.recipientStates()).isEqualTo(order.recipientStates());
      assertThat(observation.snapshot().getOrderType()).isEqualTo(switch (source.shape()) {
        case NETCONNECT -> NetConnectAdapter.type(order.kind().netConnectType());
        case GIFT_CARD -> OrderType.GIFT_CARD;
        case ESIM -> OrderType.ESIM;
        case PAYSTACK -> OrderType.PRODUCT;
      });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void anEmptySourceIsACompleteScanOfNothing(SimSource source) {
    SourceAdapter adapter = start(source, 0, 1, 10);

    ScanResult scan = adapter.scan(ScanWindow.EVERYTHING);

    assertThat(scan.complete()).as(scan.incompleteReason()).isTrue();
    assertThat(scan.observations()).isEmpty();
    assertThat(scan.rejects()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void anExactlyFullLastPageAndAPageSizeAboveTheCapLoseNothing(SimSource source) {
    SourceAdapter exact = start(source, 20, 1, 10); // 20 orders, pages of 10: the last page is full
    assertThat(exact.scan(ScanWindow.EVERYTHING).observations()).hasSize(20);
    simulator.close();

    SourceAdapter huge = start(source, 150, 2, 50_000); // asks for more than any of the APIs allows
    ScanResult scan = huge.scan(ScanWindow.EVERYTHING);
    assertThat(scan.complete()).as(scan.incompleteReason()).isTrue();
    assertThat(scan.observations()).hasSize(300);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void aWindowScanReadsTheRecentOrdersAndNotMuchMore(SimSource source) {
    SourceAdapter adapter = start(source, 30, 20, 10);
    long since = simulator.world().read(view -> view.now()) - 2_000;
    long position = simulator.world().read(view -> (long) view.orders(source.id()).stream().filter(o -> o.createdAt() < since).count());

    ScanResult scan = adapter.scan(new ScanWindow(since, position));

    long inWindow = truth(source).values().stream().filter(o -> o.createdAt() >= since).count();
    assertThat(scan.observations().stream().filter(o -> o.createdAt() >= since).count()).isEqualTo(inWindow);
    assertThat((long) scan.observations().size()).as("a window scan does not read the whole history").isLessThan(inWindow + 30);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void aDuplicatedPageMakesTheScanIncompleteAndAReorderedOneChangesNothing(SimSource source) {
    SourceAdapter adapter = start(source, 40, 3, 10);
    simulator.faults().set(new Faults.Rates(0, 0, 0, 0, 0, 1.0, 0, 0));
    ScanResult reordered = adapter.scan(ScanWindow.EVERYTHING);
    assertThat(reordered.complete()).as(reordered.incompleteReason()).isTrue();
    assertThat(reordered.observations().stream().map(Observation::orderId).distinct().count()).isEqualTo(120);

    simulator.faults().set(new Faults.Rates(0, 0, 0, 0, 1.0, 0, 0, 0));
    ScanResult duplicated = adapter.scan(ScanWindow.EVERYTHING);
    assertThat(duplicated.complete()).isFalse();
    assertThat(duplicated.incompleteReason()).contains("repeated");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void aMalformedPageIsRejectedWithItsBytesAndStopsTheScan(SimSource source) {
    SourceAdapter adapter = start(source, 25, 2, 10);
    simulator.faults().set(new Faults.Rates(0, 0, 0, 1.0, 0, 0, 0, 0));

    ScanResult scan = adapter.scan(ScanWindow.EVERYTHING);

    assertThat(scan.complete()).isFalse();
    assertThat(scan.rejects()).hasSize(1);
    assertThat(scan.rejects().get(0).reason()).isEqualTo(RejectReason.UPSTREAM_MALFORMED_PAYLOAD);
    assertThat(scan.rejects().get(0).payload()).isNotEmpty();
    assertThat(simulator.faults().served(source.id(), "malformed-page")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void retriesThrough500sAnd429sWithRetryAfter(SimSource source) {
    SourceAdapter adapter = start(source, 30, 2, 10);
    simulator.faults().set(new Faults.Rates(0.2, 0.2, 0, 0, 0, 0, 0, 0));

    ScanResult scan = adapter.scan(ScanWindow.EVERYTHING);

    assertThat(scan.complete()).as(scan.incompleteReason()).isTrue();
    assertThat(scan.observations().stream().map(Observation::orderId).distinct().count()).isEqualTo(60);
    assertThat(simulator.faults().served(source.id(), "500") + simulator.faults().served(source.id(), "429")).isPositive();
  }

  private Map<String, SimOrder> truth(SimSource source) {
    return simulator.world().read(view -> view.orders(source.id()).stream().collect(Collectors.toMap(
        order -> SimulatedSources.orderId(source.id(), source.shape(), order.id()), order -> order, (a, b) -> a, HashMap::new)));
  }

}
