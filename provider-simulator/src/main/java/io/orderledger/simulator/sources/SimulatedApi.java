package io.orderledger.simulator.sources;

import io.orderledger.simulator.api.SourceApi;
import io.orderledger.simulator.world.SourceShape;

/** An upstream API the simulator serves: how its orders live in the world, and how its HTTP API renders them. */
public interface SimulatedApi extends SourceShape {

  SourceApi api();
}
