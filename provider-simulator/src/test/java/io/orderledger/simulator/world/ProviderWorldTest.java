package io.orderledger.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.simulator.sources.SimulatedApis;
import io.orderledger.testing.seed.TestSeeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The world's lifecycles: what every order goes through, what a step may change, and the wallets by their own rules. */
class ProviderWorldTest {

  /** The lifecycles must hold for any seed: fixed in CI, fresh with {@code -Pexplore}, replayed with the printed line. */
  private static final long SEED = TestSeeds.seed("ProviderWorldTest", "simulator.world.seed", 11);

  private static final Set<String> LEGAL = Set.of(
      "PENDING>PROCESSING", "PENDING>COMPLETED", "PENDING>FAILED", "PROCESSING>COMPLETED", "PROCESSING>FAILED",
      "COMPLETED>REVERSED", "COMPLETED>FAILED");

  /** Two partners, every shape, stepped until nothing can change any more. */
  private static ProviderWorld settledWorld(long seed) {
    List<SimSource> sources = List.of(SimulatedApis.parse("nc-a=netconnect:partner-a:GHS"), SimulatedApis.parse("gc-a=gift_card:partner-a:GHS"),
        SimulatedApis.parse("es-b=esim:partner-b:USD"), SimulatedApis.parse("ps-b=paystack:partner-b:USD"),
        SimulatedApis.parse("nc-b=netconnect:partner-b:GHS"));
    ProviderWorld world = ProviderWorld.stepped(new WorldSettings(seed, 4, 1_000, 8_000), 1_780_000_000_000L, sources);
    for (int i = 0; i < 60; i++) {
      world.step();
    }
    world.setNewOrdersPerStep(0);
    for (int i = 0; i < 10 && !world.isSettled(); i++) {
      world.step();
    }
    return world;
  }

  @Test
  void everyOrderReachesAFinalStateWithinItsSettleTimeByLegalSteps() {
    ProviderWorld world = settledWorld(SEED);
    assertThat(world.isSettled()).isTrue();
    Map<String, SimState> last = new HashMap<>();
    Set<String> changedInStep = new HashSet<>();
    for (Change change : world.changes()) {
      String order = change.sourceId() + "/" + change.orderId();
      assertThat(changedInStep.add(order + "@" + change.at())).as("one change per order per step: " + change).isTrue();
      SimState before = last.put(order, change.state());
      if (change.what().contains("created")) {
        assertThat(before).as("created once: " + change).isNull();
        assertThat(change.state()).isEqualTo(SimState.PENDING);
      } else if (before != change.state()) {
        assertThat(LEGAL).as("a legal transition: " + change).contains(before + ">" + change.state());
        assertThat(change.what()).contains("state");
      }
    }
    world.read(view -> {
      for (SimSource source : world.sources()) {
        for (SimOrder order : view.orders(source.id())) {
          assertThat(order.state().isOpen()).as(order.id()).isFalse();
          assertThat(order.updatedAt() - order.createdAt()).as("settled within the settle time").isLessThanOrEqualTo(8_000);
          assertThat(last.get(source.id() + "/" + order.id())).isEqualTo(order.state());
        }
      }
      return null;
    });
  }

  @Test
  void walletsAreWhatTheFinalOrdersSayByTheWorldsRules() {
    ProviderWorld world = settledWorld(SEED + 1);
    Map<String, Long> expected = new HashMap<>();
    world.read(view -> {
      for (SimSource source : world.sources()) {
        for (SimOrder order : view.orders(source.id())) {
          expected.merge(source.partnerId() + "|" + source.currency(), net(order), Long::sum);
        }
      }
      return null;
    });
    assertThat(world.wallets()).isEqualTo(expected);
    assertThat(expected.values()).as("money moved").anyMatch(minor -> minor != 0);
  }

  /** A purchase costs its final price less what was refunded; a top-up or a sale credits its amount if it stayed completed. */
  private static long net(SimOrder order) {
    boolean credit = order.kind() == OrderKind.TOP_UP || order.source().sells();
    if (credit) {
      return order.state() == SimState.COMPLETED ? order.amountMinor() : 0;
    }
    if (order.state() == SimState.FAILED || order.state() == SimState.REVERSED) {
      return 0;
    }
    long refunded = order.isBulk()
        ? order.recipients().stream().filter(r -> r.state() == SimState.FAILED).mapToLong(SimRecipient::amountMinor).sum() : 0;
    return -order.amountMinor() + refunded;
  }

  @Test
  void eachShapeLivesItsOwnLife() {
    ProviderWorld world = settledWorld(SEED + 2);
    Map<String, List<Change>> byShape = new HashMap<>();
    Map<String, String> shapeOf = new HashMap<>();
    world.sources().forEach(source -> shapeOf.put(source.id(), source.shape().name()));
    world.changes().forEach(change -> byShape.computeIfAbsent(shapeOf.get(change.sourceId()), k -> new ArrayList<>()).add(change));
    world.read(view -> {
      SimOrder firstNetConnect = view.orders("nc-a").get(0);
      assertThat(firstNetConnect.kind()).as("a partner's opening deposit").isEqualTo(OrderKind.TOP_UP);
      assertThat(firstNetConnect.amountMinor()).isEqualTo(5_000_000);
      assertThat(view.orders("nc-a")).filteredOn(o -> o.state() == SimState.COMPLETED && o.submittedAt() != null)
          .allMatch(o -> o.providerRef() != null && o.providerRef().startsWith("PRV-"));
      assertThat(view.orders("gc-a")).allMatch(o -> o.kind() == OrderKind.GIFT_CARD && o.state() != SimState.REVERSED);
      assertThat(view.orders("es-b")).allMatch(o -> o.id().startsWith("esim-") && o.statusMessage() != null);
      assertThat(view.orders("es-b")).filteredOn(o -> o.state() == SimState.COMPLETED).allMatch(o -> o.iccid() != null);
      assertThat(view.orders("ps-b")).allMatch(o -> o.kind() == OrderKind.PRODUCT && o.id().matches("\\d+"));
      return null;
    });
    assertThat(byShape.get("netconnect")).flatExtracting(Change::what).contains("providerRef", "errorMessage", "amount", "recipients");
    assertThat(byShape.get("gift_card")).flatExtracting(Change::what).contains("delivery").doesNotContain("providerRef", "amount");
    assertThat(byShape.get("esim")).flatExtracting(Change::what).contains("statusMessage").doesNotContain("providerRef", "amount");
    assertThat(byShape.get("paystack")).flatExtracting(Change::what).containsOnly("created", "state");
  }
}
