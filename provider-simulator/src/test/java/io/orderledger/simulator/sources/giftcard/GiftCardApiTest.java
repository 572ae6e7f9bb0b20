package io.orderledger.simulator.sources.giftcard;

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

/** Seed 002: page/limit with the X-Total-* headers, a 404 past the last page, key and secret both checked. */
class GiftCardApiTest {

  @ParameterizedTest
  @ValueSource(strings = {"newest", "oldest"})
  void pagesHoldEveryOrderOnceInTheListingsOrderAndThenA404(String order) {
    ProviderWorld world = TestWorlds.oneSource("gc=gift_card:partner-a:USD:" + order, 3, 15);
    SimSource source = world.sources().get(0);
    Map<String, String> auth = Map.of("X-API-Key", source.apiKey(), "X-API-Secret", source.apiSecret());
    List<String> listed = new ArrayList<>();
    int page = 1;
    ApiReply reply;
    while ((reply = serve(world, source, get("/api/v1/orders", Map.of("page", "" + page, "limit", "7"), auth))).status() == 200) {
      body(reply).forEach(o -> listed.add(o.get("id").asString()));
      assertThat(reply.headers()).containsEntry("X-Page", "" + page).containsEntry("X-Total-Count", "45")
          .containsEntry("X-Total-Pages", "7");
      page++;
    }
    assertThat(reply.status()).as("past the last page: seed 002's empty answer").isEqualTo(404);
    assertThat(listed).containsExactlyElementsOf(idsInListOrder(world, source));
  }

  @ParameterizedTest
  @ValueSource(strings = {"newest", "oldest"})
  void bothCredentialsAndTheLimitAreChecked(String order) {
    ProviderWorld world = TestWorlds.oneSource("gc=gift_card:partner-a:USD:" + order, 1, 2);
    SimSource source = world.sources().get(0);
    assertThat(serve(world, source, get("/api/v1/orders", Map.of(), Map.of("X-API-Key", source.apiKey(), "X-API-Secret", "no"))).status())
        .isEqualTo(401);
    assertThat(serve(world, source, get("/api/v1/orders", Map.of("limit", "101"),
        Map.of("X-API-Key", source.apiKey(), "X-API-Secret", source.apiSecret()))).status()).isEqualTo(400);
  }
}
