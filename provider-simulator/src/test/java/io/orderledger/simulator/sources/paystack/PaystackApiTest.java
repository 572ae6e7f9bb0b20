package io.orderledger.simulator.sources.paystack;

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

/** Seed 004: perPage/page with a meta block, Fetch Order by id, the bearer token checked. */
class PaystackApiTest {

  @ParameterizedTest
  @ValueSource(strings = {"newest", "oldest"})
  void pagesHoldEveryOrderOnceInTheListingsOrderAsMetaCountsThem(String order) {
    ProviderWorld world = TestWorlds.oneSource("ps=paystack:partner-b:NGN:" + order, 3, 15);
    SimSource source = world.sources().get(0);
    Map<String, String> bearer = Map.of("Authorization", "Bearer " + source.apiKey());
    List<String> listed = new ArrayList<>();
    int pageCount = Integer.MAX_VALUE;
    for (int page = 1; page <= pageCount; page++) {
      JsonNode body = body(serve(world, source, get("/order", Map.of("page", "" + page, "perPage", "7"), bearer)));
      body.get("data").forEach(o -> listed.add(o.get("id").asString()));
      assertThat(body.get("meta").get("total").asInt()).isEqualTo(45);
      pageCount = body.get("meta").get("pageCount").asInt();
    }
    assertThat(pageCount).isEqualTo(7);
    assertThat(listed).containsExactlyElementsOf(idsInListOrder(world, source));
  }

  @ParameterizedTest
  @ValueSource(strings = {"newest", "oldest"})
  void fetchOrderByIdAndTheTokenChecked(String order) {
    ProviderWorld world = TestWorlds.oneSource("ps=paystack:partner-b:NGN:" + order, 2, 5);
    SimSource source = world.sources().get(0);
    String first = idsInListOrder(world, source).get(0);
    ApiReply one = serve(world, source, get("/order/" + first, Map.of(), Map.of("Authorization", "Bearer " + source.apiKey())));
    assertThat(body(one).get("data").get("id").asString()).isEqualTo(first);
    assertThat(body(one).get("data").get("line_items")).as("Fetch Order carries the line items").isNotNull();
    assertThat(serve(world, source, get("/order", Map.of(), Map.of("Authorization", "Bearer wrong"))).status()).isEqualTo(401);
  }
}
