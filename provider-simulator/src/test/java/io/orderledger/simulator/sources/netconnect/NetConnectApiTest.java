package io.orderledger.simulator.sources.netconnect;

import static io.orderledger.simulator.TestWorlds.body;
import static io.orderledger.simulator.TestWorlds.get;
import static io.orderledger.simulator.TestWorlds.idsInListOrder;
import static io.orderledger.simulator.TestWorlds.serve;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.simulator.TestWorlds;
import io.orderledger.simulator.api.ApiReply;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Seeds 000/001: cursor paging (isDone, continueCursor) in either order, GET by id, the key checked. */
class NetConnectApiTest {

  @ParameterizedTest
  @ValueSource(strings = {"newest", "oldest"})
  void cursorsWalkEveryOrderOnceInTheListingsOrder(String order) {
    ProviderWorld world = TestWorlds.oneSource("nc=netconnect:partner-a:GHS:" + order, 3, 15);
    SimSource source = world.sources().get(0);
    Map<String, String> key = Map.of("X-API-KEY", source.apiKey());
    List<String> listed = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    while (true) {
      ApiReply reply = serve(world, source, get("/api/v1/orders", cursor == null ? Map.of("orderType", "all", "limit", "7")
          : Map.of("orderType", "all", "limit", "7", "cursor", cursor), key));
      assertThat(reply.status()).isEqualTo(200);
      JsonNode data = body(reply).get("data");
      data.get("orders").forEach(o -> listed.add(o.get("_id").asString()));
      pages++;
      if (data.get("isDone").asBoolean()) {
        break;
      }
      cursor = data.get("continueCursor").asString();
    }
    assertThat(listed).containsExactlyElementsOf(idsInListOrder(world, source));
    assertThat(pages).isEqualTo((listed.size() + 6) / 7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"newest", "oldest"})
  void oneOrderByIdAndTheKeyChecked(String order) {
    ProviderWorld world = TestWorlds.oneSource("nc=netconnect:partner-a:GHS:" + order, 2, 5);
    SimSource source = world.sources().get(0);
    String first = idsInListOrder(world, source).get(0);
    ApiReply one = serve(world, source, get("/api/v1/orders/" + first, Map.of(), Map.of("X-API-KEY", source.apiKey())));
    assertThat(body(one).get("data").get("_id").asString()).isEqualTo(first);
    assertThat(serve(world, source, get("/api/v1/orders/nope", Map.of(), Map.of("X-API-KEY", source.apiKey()))).status()).isEqualTo(404);
    assertThat(serve(world, source, get("/api/v1/orders", Map.of(), Map.of("X-API-KEY", "wrong"))).status()).isEqualTo(401);
    assertThat(serve(world, source, get("/api/v1/orders", Map.of("cursor", "zz"), Map.of("X-API-KEY", source.apiKey()))).status())
        .isEqualTo(400);
  }
}
