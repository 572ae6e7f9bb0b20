package io.orderledger.simulator.sources.esim;

import static io.orderledger.simulator.TestWorlds.body;
import static io.orderledger.simulator.TestWorlds.get;
import static io.orderledger.simulator.TestWorlds.idsInListOrder;
import static io.orderledger.simulator.TestWorlds.serve;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.simulator.TestWorlds;
import io.orderledger.simulator.api.ApiReply;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimOrder;
import io.orderledger.simulator.world.SimSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seed 003: page/limit until a short page, createdAt=gte: windows, the key checked. */
class EsimApiTest {

  @ParameterizedTest
  @ValueSource(strings = {"newest", "oldest"})
  void pagesHoldEveryOrderOnceInTheListingsOrderUntilAShortPage(String order) {
    ProviderWorld world = TestWorlds.oneSource("es=esim:partner-b:USD:" + order, 3, 15);
    SimSource source = world.sources().get(0);
    List<String> listed = new ArrayList<>();
    for (int page = 1; ; page++) {
      ApiReply reply = serve(world, source, get("/orders", Map.of("page", "" + page, "limit", "7"), Map.of("X-API-Key", source.apiKey())));
      assertThat(reply.status()).isEqualTo(200);
      body(reply).forEach(o -> listed.add(o.get("orderReference").asString()));
      if (body(reply).size() < 7) {
        break;
      }
    }
    assertThat(listed).containsExactlyElementsOf(idsInListOrder(world, source));
  }

  @ParameterizedTest
  @ValueSource(strings = {"newest", "oldest"})
  void aWindowListsOnlyTheOrdersCreatedInIt(String order) {
    ProviderWorld world = TestWorlds.oneSource("es=esim:partner-b:USD:" + order, 3, 15);
    SimSource source = world.sources().get(0);
    List<SimOrder> all = world.read(view -> List.copyOf(view.orders(source.id())));
    long since = all.get(30).createdAt();
    ApiReply reply = serve(world, source, get("/orders", Map.of("limit", "100", "createdAt", "gte:" + Instant.ofEpochMilli(since)),
        Map.of("X-API-Key", source.apiKey())));
    assertThat(body(reply).size()).isEqualTo(all.stream().filter(o -> o.createdAt() >= since).count());
    assertThat(serve(world, source, get("/orders", Map.of(), Map.of("X-API-Key", "wrong"))).status()).isEqualTo(403);
  }
}
