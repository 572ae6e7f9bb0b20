package io.orderledger.simulator;

import io.orderledger.simulator.server.Faults;
import io.orderledger.simulator.server.ProviderSimulator;
import io.orderledger.simulator.sources.SimulatedApis;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimSource;
import io.orderledger.simulator.world.WorldSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the provider simulator on its own:
 *
 * <pre>
 * java -cp … io.orderledger.simulator.SimulatorMain --port 8090 --seed 42 --tick-ms 1000 --orders-per-tick 2 \
 *     --source nc-a=netconnect:partner-a --source gc-a=gift_card:partner-a:GHS --source nc-b=netconnect:partner-b
 * </pre>
 *
 * Each source {@code id} is served under {@code http://127.0.0.1:<port>/<id>/} with the API key {@code <id>-key}
 * (and secret {@code <id>-secret}). With {@code --tick-ms 0} the world only moves on {@code POST /control/step}.
 */
public final class SimulatorMain {

  private SimulatorMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    int port = 8090;
    String bind = "127.0.0.1";
    long seed = 42;
    long tickMillis = 1_000;
    int ordersPerTick = 2;
    long settleMillis = 30_000;
    List<SimSource> sources = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value);
        case "--bind" -> bind = value;
        case "--seed" -> seed = Long.parseLong(value);
        case "--tick-ms" -> tickMillis = Long.parseLong(value);
        case "--orders-per-tick" -> ordersPerTick = Integer.parseInt(value);
        case "--settle-ms" -> settleMillis = Long.parseLong(value);
        case "--source" -> sources.add(SimulatedApis.parse(value));
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (known: --port --bind --seed --tick-ms --orders-per-tick --settle-ms --source id=shape:partner[:currency[:newest|oldest]])");
      }
      i++;
    }
    if (sources.isEmpty()) {
      sources.add(SimulatedApis.parse("nc-a=netconnect:partner-a"));
    }
    WorldSettings settings = new WorldSettings(seed, ordersPerTick, Math.max(1, tickMillis), settleMillis);
    ProviderWorld world = ProviderWorld.onWallClock(settings, sources);
    ProviderSimulator simulator = ProviderSimulator.start(world, new Faults(seed), bind, port);
    if (tickMillis > 0) {
      simulator.tickEvery(tickMillis);
    }
    for (SimSource source : sources) {
      System.out.printf("simulator: source %s (%s, partner %s, %s) at %s key=%s%n", source.id(), source.shape(),
          source.partnerId(), source.currency(), simulator.baseUrl(source.id()), source.apiKey());
    }
    System.out.printf("simulator listening on http://127.0.0.1:%d%n", simulator.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      simulator.close();
      stopped.countDown();
    }));
    stopped.await();
  }
}
