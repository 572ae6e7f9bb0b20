package io.orderledger.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.simulator.TestWorlds;
import io.orderledger.simulator.api.ApiReply;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fault switches: off serves nothing, on serves what was asked, counted, and the same seed draws the same faults. */
class FaultsTest {

  private static final Faults.Rates ALL_500 = new Faults.Rates(0, 1, 0, 0, 0, 0, 1, 0);

  @Test
  void offMeansNeverAndOnMeansAlways() {
    Faults faults = new Faults(1);
    for (int i = 0; i < 1_000; i++) {
      assertThat(faults.draw(true)).isEqualTo(Faults.Kind.NONE);
    }
    faults.set(ALL_500);
    assertThat(faults.draw(false)).isEqualTo(Faults.Kind.SERVER_ERROR);
    faults.set(new Faults.Rates(0, 0, 0, 1, 0, 0, 1, 0));
    assertThat(faults.draw(false)).as("malformed pages are listings only").isEqualTo(Faults.Kind.NONE);
    assertThat(faults.draw(true)).isEqualTo(Faults.Kind.MALFORMED);
  }

  @Test
  void theSameSeedDrawsTheSameFaults() {
    Faults.Rates some = new Faults.Rates(0.1, 0.1, 0, 0.1, 0, 0, 1, 0);
    Faults one = new Faults(42);
    Faults two = new Faults(42);
    one.set(some);
    two.set(some);
    for (int i = 0; i < 500; i++) {
      assertThat(one.draw(i % 2 == 0)).isEqualTo(two.draw(i % 2 == 0));
    }
  }

  @Test
  void servedFaultsAreAnswersACallerCanReadAndAreCounted() {
    ProviderWorld world = TestWorlds.oneSource("gc=gift_card:partner-a:USD", 3, 3);
    SimSource source = world.sources().get(0);
    Map<String, String> auth = Map.of("X-API-Key", source.apiKey(), "X-API-Secret", source.apiSecret());
    Faults faults = new Faults(3);
    try (ProviderSimulator simulator = ProviderSimulator.start(world, faults, 0)) {
      faults.set(new Faults.Rates(1, 0, 0, 0, 0, 0, 7, 0));
      ApiReply tooMany = simulator.serveSource("gc", TestWorlds.get("/api/v1/orders", Map.of(), auth));
      assertThat(tooMany.status()).isEqualTo(429);
      assertThat(tooMany.headers()).containsEntry("Retry-After", "7");

      faults.set(ALL_500);
      assertThat(simulator.serveSource("gc", TestWorlds.get("/api/v1/orders", Map.of(), auth)).status()).isEqualTo(500);

      faults.set(new Faults.Rates(0, 0, 0, 1, 0, 0, 1, 0));
      ApiReply cut = simulator.serveSource("gc", TestWorlds.get("/api/v1/orders", Map.of("limit", "5"), auth));
      faults.set(Faults.Rates.NONE);
      ApiReply whole = simulator.serveSource("gc", TestWorlds.get("/api/v1/orders", Map.of("limit", "5"), auth));
      assertThat(cut.status()).isEqualTo(200);
      assertThat(cut.body()).as("a page cut in the middle").hasSize(whole.body().length / 2);

      faults.set(new Faults.Rates(0, 0, 0, 0, 1, 0, 1, 0));
      ApiReply second = simulator.serveSource("gc", TestWorlds.get("/api/v1/orders", Map.of("page", "2", "limit", "3"), auth));
      ApiReply first = simulator.serveSource("gc", TestWorlds.get("/api/v1/orders", Map.of("page", "1", "limit", "3"), auth));
      faults.set(Faults.Rates.NONE);
      assertThat(TestWorlds.body(second)).as("a duplicated page is the page before it again").isEqualTo(TestWorlds.body(
          simulator.serveSource("gc", TestWorlds.get("/api/v1/orders", Map.of("page", "1", "limit", "3"), auth))));
      assertThat(TestWorlds.body(first)).as("the first page has none before it: served as it is").hasSize(3);
    }
    assertThat(faults.served()).containsEntry("gc/429", 1L).containsEntry("gc/500", 1L).containsEntry("gc/malformed-page", 1L)
        .containsEntry("gc/duplicate-page", 1L);
    assertThat(List.copyOf(faults.served().keySet())).doesNotContain("gc/reordered-page");
  }
}
