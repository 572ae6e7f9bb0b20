package io.orderledger.simulator.server;

import io.orderledger.simulator.api.ApiReply;
import io.orderledger.simulator.api.ApiRequest;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /control}: {@code POST /control/step?n=…} moves the world, {@code POST /control/faults?serverError=0.1&…}
 * switches faults, {@code GET /control/status} tells where the world is. For tests, benchmarks and operators.
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
      default -> ApiReply.json(404, "{\"message\":\"unknown control\"}".getBytes(StandardCharsets.UTF_8));
    };
  }

  private static double rate(ApiRequest request, String name, double current) {
    String value = request.param(name);
    return value == null ? current : Double.parseDouble(value);
  }

  private static ApiReply status(ProviderSimulator simulator) {
    ObjectNode body = JSON.createObjectNode();
    body.put("steps", simulator.world().steps());
    body.put("changes", simulator.world().changes().size());
    body.put("settled", simulator.world().isSettled());
    ObjectNode served = body.putObject("faultsServed");
    simulator.faults().served().forEach(served::put);
    return ApiReply.json(200, JSON.writeValueAsBytes(body));
  }
}
