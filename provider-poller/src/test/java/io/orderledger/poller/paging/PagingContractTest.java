package io.orderledger.poller.paging;

import io.orderledger.poller.sources.SupportedSources;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderType;
import io.orderledger.events.RejectReason;
import io.orderledger.poller.SimulatedSources;
import io.orderledger.poller.capture.Capture;
import io.orderledger.poller.capture.CapturedOrder;
import io.orderledger.poller.capture.RecordCapture;
import io.orderledger.poller.checkpoint.Checkpoint;
import io.orderledger.poller.detect.ChangeDetector;
import io.orderledger.poller.http.ResilienceSettings;
import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.simulator.server.Faults;
import io.orderledger.simulator.server.ProviderSimulator;
import io.orderledger.simulator.world.ListOrder;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimOrder;
import io.orderledger.simulator.world.SimSource;
import io.orderledger.simulator.sources.SimulatedApis;
import io.orderledger.simulator.world.WorldSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each API shape's paging and mapping against the simulator serving it over HTTP, with the source listing newest first
 * and oldest first (the seeds never say which): a scan sees every order exactly as the source holds it, across page
 * boundaries, empty sources, exact and partial last pages, page sizes above the API's cap, window scans, orders
 * placed while it pages, duplicated and reordered pages, malformed pages, 500s and 429s.
 */
class PagingContractTest {

  private ProviderSimulator simulator;
  private SourceConfig config;

  static Stream<Arguments> sources() {
    List<Arguments> all = new ArrayList<>();
    for (ListOrder order : ListOrder.values()) {
      for (SimSource source : SimulatedSources.oneOfEach(order)) {
        all.add(Arguments.of(source.shape() + " " + order, source));
      }
    }
    return all.stream();
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }

  private SourcePaging start(SimSource source, int ordersPerStep, int steps, int pageSize) {
    ProviderWorld world = ProviderWorld.stepped(WorldSettings.stepped(11, ordersPerStep), 1_780_000_000_000L, List.of(source));
    for (int i = 0; i < steps; i++) {
      world.step();
    }
    if (simulator != null) {
      simulator.close();
    }
    simulator = ProviderSimulator.start(world, new Faults(3), 0);
    config = SimulatedSources.config(simulator, source, pageSize, Duration.ofSeconds(7));
    return SupportedSources.of(config).paging(config, new UpstreamHttp(source.id(), ResilienceSettings.defaults(), failure -> { }));
  }

  private Capture capture(SourcePaging paging, Listing listing) {
    return new RecordCapture(config, paging, SupportedSources.of(config).mapper(config)).capture(listing, Checkpoint.initial(config.id()), 42L);
  }

  private Map<String, SimOrder> truth(SimSource source) {
    return simulator.world().read(view -> view.orders(source.id()).stream().collect(Collectors.toMap(
        order -> SimulatedSources.orderId(source.id(), source.shape(), order.id()), order -> order, (a, b) -> a, HashMap::new)));
  }

  private static Set<String> ids(Capture capture) {
    return capture.orders().stream().map(o -> o.observation().orderId()).collect(Collectors.toSet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void aFullScanSeesEveryOrderAsTheSourceHoldsIt(String name, SimSource source) {
    SourcePaging paging = start(source, 37, 9, 25);

    Listing listing = paging.scan(ScanWindow.EVERYTHING);
    Capture capture = capture(paging, listing);

    assertThat(listing.complete()).as(listing.incompleteReason()).isTrue();
    assertThat(capture.rejects()).isEmpty();
    assertThat(listing.direction()).isEqualTo(ListDirection.valueOf(source.listOrder().name()));
    Map<String, SimOrder> truth = truth(source);
    assertThat(ids(capture)).isEqualTo(truth.keySet());
    assertThat(listing.pages()).as("pages of 25").isGreaterThanOrEqualTo((truth.size() + 24) / 25);
    for (CapturedOrder captured : capture.orders()) {
      SimOrder order = truth.get(captured.observation().orderId());
      var snapshot = captured.observation().snapshot();
      assertThat(snapshot.getState()).isEqualTo(SimulatedSources.state(order.state()));
      assertThat(snapshot.getAmountMinor()).isEqualTo(order.amountMinor());
      assertThat(snapshot.getCurrency()).isEqualTo(source.currency());
      assertThat(captured.observation().createdAt()).isEqualTo(order.createdAt());
      assertThat(captured.observation().recipientStates()).isEqualTo(order.recipientStates());
      // What the simulated order buys, named as the API we serve names types (a bulk order is data).
      assertThat(snapshot.getOrderType()).isEqualTo(OrderType.valueOf(order.kind().netConnectType().toUpperCase(Locale.ROOT)));
      if (source.shape() == SimulatedApis.NETCONNECT) {
        assertThat(snapshot.getProviderRef()).as("providerRef, read from GET /orders/{id}").isEqualTo(order.providerRef());
      }
      if (source.shape() == SimulatedApis.PAYSTACK) {
        assertThat(snapshot.getProductName()).as("line items, read from Fetch Order").startsWith("Sample Product");
      }
    }
    int singleOrderShapes = source.shape() == SimulatedApis.NETCONNECT || source.shape() == SimulatedApis.PAYSTACK ? truth.size() : 0;
    assertThat(capture.detailsFetched()).as("one single-order call per new order where the list lacks fields").isEqualTo(singleOrderShapes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void anEmptySourceIsACompleteScanOfNothing(String name, SimSource source) {
    SourcePaging paging = start(source, 0, 1, 10);

    Listing listing = paging.scan(ScanWindow.EVERYTHING);

    assertThat(listing.complete()).as(listing.incompleteReason()).isTrue();
    assertThat(listing.entries()).isEmpty();
    assertThat(listing.rejects()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void anExactlyFullLastPageAndAPageSizeAboveTheCapLoseNothing(String name, SimSource source) {
    SourcePaging exact = start(source, 20, 1, 10); // 20 orders, pages of 10: the last page is full
    assertThat(capture(exact, exact.scan(ScanWindow.EVERYTHING)).orders()).hasSize(20);

    SourcePaging huge = start(source, 150, 2, 50_000); // asks for more than any of the APIs allows
    Listing listing = huge.scan(ScanWindow.EVERYTHING);
    assertThat(listing.complete()).as(listing.incompleteReason()).isTrue();
    assertThat(ids(capture(huge, listing))).hasSize(300);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void aWindowScanReadsTheRecentOrdersAndNotMuchMore(String name, SimSource source) {
    SourcePaging paging = start(source, 30, 20, 10);
    // A first full scan gives the window its start, its direction and, listing oldest first, where to resume.
    Listing first = paging.scan(ScanWindow.EVERYTHING);
    long since = simulator.world().read(view -> view.now()) - 2_000;
    Checkpoint checkpoint = new ChangeDetector(config).detect(Checkpoint.initial(config.id()), first, capture(paging, first), 1L).next();
    ScanWindow window = new ScanWindow(since, resumeBefore(first, since), checkpoint.window().direction());

    Listing scan = paging.scan(window);

    long inWindow = truth(source).values().stream().filter(o -> o.createdAt() >= since).count();
    Capture captured = capture(paging, scan);
    assertThat(captured.orders().stream().filter(o -> o.observation().createdAt() >= since).count()).isEqualTo(inWindow);
    assertThat((long) scan.entries().size()).as("a window scan does not read the whole history (%d orders)", truth(source).size())
        .isLessThan(inWindow + 30);
    // Orders before the window that a page read to reach its start also held are settled and forgotten: not kept,
    // so they cost no capture and no single-order call at every scan.
    assertThat(captured.orders()).as("orders captured from before the window").allSatisfy(o -> assertThat(o.observation().createdAt())
        .isGreaterThanOrEqualTo(since));
  }

  /** What the checkpoint keeps for an oldest-first listing: the last page that began before the window. */
  private static String resumeBefore(Listing listing, long since) {
    String resume = null;
    for (PageMark mark : listing.marks()) {
      if (mark.firstCreatedAt() < since) {
        resume = mark.token();
      }
    }
    return listing.direction() == ListDirection.OLDEST_FIRST ? resume : null;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void ordersPlacedWhileAScanPagesPushOthersAlongButNeverOutOfIt(String name, SimSource source) throws Exception {
    SourcePaging paging = start(source, 40, 10, 25);
    Set<String> before = truth(source).keySet();
    AtomicBoolean scanning = new AtomicBoolean(true);
    // Up to 60 orders placed, one at a time, while the scan pages: every later page shifts, by less than a page.
    Thread placing = new Thread(() -> {
      for (int step = 0; step < 60 && scanning.get(); step++) {
        simulator.world().step(1);
        Thread.yield();
      }
    });
    placing.start();
    Listing listing;
    try {
      listing = paging.scan(ScanWindow.EVERYTHING);
    } finally {
      scanning.set(false);
      placing.join();
    }

    // A page read twice (every order on it already read) ends a scan as incomplete: it is read again next cycle. A scan
    // that calls itself complete must hold every order that existed when it began.
    if (listing.complete()) {
      assertThat(ids(capture(paging, listing))).as("every order that existed when the scan began").containsAll(before);
    } else {
      assertThat(listing.incompleteReason()).contains("repeated");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void aDuplicatedPageMakesTheScanIncompleteAndAReorderedOneChangesNothing(String name, SimSource source) {
    SourcePaging paging = start(source, 40, 3, 10);
    simulator.faults().set(new Faults.Rates(0, 0, 0, 0, 0, 1.0, 0, 0));
    Listing reordered = paging.scan(ScanWindow.EVERYTHING);
    assertThat(ids(capture(paging, reordered))).hasSize(120);

    simulator.faults().set(new Faults.Rates(0, 0, 0, 0, 1.0, 0, 0, 0));
    Listing duplicated = paging.scan(ScanWindow.EVERYTHING);
    assertThat(duplicated.complete()).isFalse();
    assertThat(duplicated.incompleteReason()).contains("repeated");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void aMalformedPageIsRejectedWithItsBytesAndStopsTheScan(String name, SimSource source) {
    SourcePaging paging = start(source, 25, 2, 10);
    simulator.faults().set(new Faults.Rates(0, 0, 0, 1.0, 0, 0, 0, 0));

    Listing listing = paging.scan(ScanWindow.EVERYTHING);

    assertThat(listing.complete()).isFalse();
    assertThat(listing.rejects()).singleElement().satisfies(reject -> {
      assertThat(reject.reason()).isEqualTo(RejectReason.UPSTREAM_MALFORMED_PAYLOAD);
      assertThat(reject.payload()).isNotEmpty();
    });
    assertThat(simulator.faults().served(source.id(), "malformed-page")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void retriesThrough500sAnd429sWithRetryAfter(String name, SimSource source) {
    SourcePaging paging = start(source, 30, 2, 10);
    simulator.faults().set(new Faults.Rates(0.2, 0.2, 0, 0, 0, 0, 0, 0));

    Listing listing = paging.scan(ScanWindow.EVERYTHING);
    Capture capture = capture(paging, listing);

    assertThat(listing.complete()).as(listing.incompleteReason()).isTrue();
    assertThat(capture.incompleteReason()).isNull();
    assertThat(ids(capture)).hasSize(60);
    assertThat(simulator.faults().served(source.id(), "500") + simulator.faults().served(source.id(), "429")).isPositive();
  }
}
