package io.orderledger.simulator;

import io.orderledger.simulator.api.ApiReply;
import io.orderledger.simulator.api.ApiRequest;
import io.orderledger.simulator.api.SourceApi;
import io.orderledger.simulator.sources.SimulatedApis;
import io.orderledger.simulator.world.ListOrder;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimOrder;
import io.orderledger.simulator.world.SimSource;
import io.orderledger.simulator.world.WorldSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Small stepped worlds and requests for the simulator's unit tests: no HTTP, no threads. */
public final class TestWorlds {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  private TestWorlds() {
  }

  /** A world of one source of the given spec, stepped {@code steps} times with {@code perStep} new orders a step. */
  public static ProviderWorld oneSource(String spec, int perStep, int steps) {
    ProviderWorld world = ProviderWorld.stepped(new WorldSettings(7L, perStep, 1_000, 8_000), 1_780_000_000_000L,
        List.of(SimulatedApis.parse(spec)));
    for (int i = 0; i < steps; i++) {
      world.step();
    }
    return world;
  }

  /** The source's orders' ids in the order its listing must return them. */
  public static List<String> idsInListOrder(ProviderWorld world, SimSource source) {
    List<String> ids = new ArrayList<>(world.read(view -> view.orders(source.id()).stream().map(SimOrder::id).toList()));
    if (source.listOrder() == ListOrder.NEWEST_FIRST) {
      java.util.Collections.reverse(ids);
    }
    return ids;
  }

  public static ApiReply serve(ProviderWorld world, SimSource source, ApiRequest request) {
    SourceApi api = SimulatedApis.of(source.shape()).api();
    return world.read(view -> api.handle(view, source, request, SourceApi.PageFault.NONE));
  }

  public static JsonNode body(ApiReply reply) {
    return JSON.readTree(reply.body());
  }

  public static ApiRequest get(String path, Map<String, String> query, Map<String, String> headers) {
    Map<String, List<String>> q = new TreeMap<>();
    query.forEach((name, value) -> q.put(name, List.of(value)));
    Map<String, List<String>> h = new TreeMap<>();
    headers.forEach((name, value) -> h.put(name, List.of(value)));
    return new ApiRequest("GET", path, q, h);
  }
}
