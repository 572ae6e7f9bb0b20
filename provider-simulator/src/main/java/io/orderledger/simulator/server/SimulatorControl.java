package io.orderledger.simulator.server;

import io.orderledger.simulator.api.ApiReply;
import io.orderledger.simulator.api.ApiRequest;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /control}: {@code POST /control/step?n=…} moves the world, {@code POST /control/faults?serverError=0.1&…}
 * switches faults, {@code POST /control/pause} and {@code /control/resume} stop and restart the ticking clock,
 * {@code GET /control/status} tells where the world is. For tests, benchmarks and operators.
 */
final class SimulatorControl {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SimulatorControl() {
  }

  static ApiReply handle(ProviderSimulator simulator, ApiRequest request) {
    return switch (request.path()) {
      case "/step" -> {
        int steps = request.intParam("n", 1) == null ? 1 : request.intParam("n", 1);
        for (int i = 0; i < steps; i++) {
          simulator.world().step();
        }
        yield status(simulator);
      }
      case "/faults" -> {
        Faults.Rates current = simulator.faults().rates();
        simulator.faults().set(new Faults.Rates(
            rate(request, "tooManyRequests", current.tooManyRequests()),
            rate(request, "serverError", current.serverError()),
            rate(request, "slow", current.slow()),
            rate(request, "malformed", current.malformed()),
            rate(request, "duplicatePage", current.duplicatePage()),
            rate(request, "reorderPage", current.reorderPage()),
            request.intParam("retryAfterSeconds", current.retryAfterSeconds()),
            request.intParam("slowMillis", current.slowMillis())));
        yield status(simulator);
      }
      case "/status" -> status(simulator);
      case "/pause" -> {
        simulator.setPaused(true);
        yield status(simulator);
      }
      case "/resume" -> {
        simulator.setPaused(false);
        yield status(simulator);
      }
      case "/new-orders" -> {
        Integer perStep = request.intParam("perStep", 0);
        simulator.world().setNewOrdersPerStep(perStep == null ? 0 : perStep);
        yield status(simulator);
      }
      case "/truth" -> truth(simulator);
      case "/changes" -> changes(simulator, request);
      default -> ApiReply.json(404, "{\"message\":\"unknown control\"}".getBytes(StandardCharsets.UTF_8));
    };
  }

  private static double rate(ApiRequest request, String name, double current) {
    String value = request.param(name);
    return value == null ? current : Double.parseDouble(value);
  }

  /** Every order of every source as the simulator holds it, and every wallet: what an end-to-end test compares with. */
  private static ApiReply truth(ProviderSimulator simulator) {
    ObjectNode body = JSON.createObjectNode();
    var sources = body.putArray("sources");
    var all = simulator.world().sources();
    simulator.world().read(view -> {
      for (var source : all) {
        ObjectNode node = sources.addObject();
        node.put("id", source.id()).put("shape", source.shape().name()).put("partnerId", source.partnerId()).put("currency", source.currency());
        var orders = node.putArray("orders");
        for (var order : view.orders(source.id())) {
          orders.addObject().put("id", order.id()).put("state", order.state().lower()).put("amountMinor", order.amountMinor())
              .put("recipientStates", order.recipientStates()).put("providerRef", order.providerRef());
        }
      }
      return null;
    });
    ObjectNode wallets = body.putObject("wallets");
    simulator.world().wallets().forEach(wallets::put);
    return ApiReply.json(200, JSON.writeValueAsBytes(body));
  }

  /**
   * Changes {@code from} (inclusive) to {@code to} (exclusive) by index, each {@code [source, order id, state,
   * recipient states, at, shape, [what changed...]]}: what changed and when, for the freshness benchmark and the
   * end-to-end test.
   */
  private static ApiReply changes(ProviderSimulator simulator, ApiRequest request) {
    var all = simulator.world().changes();
    Integer from = request.intParam("from", 0);
    Integer to = request.intParam("to", all.size());
    var shapes = new java.util.HashMap<String, String>();
    simulator.world().sources().forEach(source -> shapes.put(source.id(), source.shape().name()));
    var body = JSON.createArrayNode();
    for (int i = Math.max(0, from); i < Math.min(to, all.size()); i++) {
      var change = all.get(i);
      body.addArray().add(change.sourceId()).add(change.orderId()).add(change.state().lower()).add(change.recipientStates())
          .add(change.at()).add(shapes.get(change.sourceId())).add(JSON.valueToTree(change.what()));
    }
    return ApiReply.json(200, JSON.writeValueAsBytes(body));
  }

  private static ApiReply status(ProviderSimulator simulator) {
    ObjectNode body = JSON.createObjectNode();
    body.put("steps", simulator.world().steps());
    body.put("changes", simulator.world().changeCount());
    body.put("settled", simulator.world().isSettled());
    body.put("paused", simulator.paused());
    ObjectNode served = body.putObject("faultsServed");
    simulator.faults().served().forEach(served::put);
    return ApiReply.json(200, JSON.writeValueAsBytes(body));
  }
}
