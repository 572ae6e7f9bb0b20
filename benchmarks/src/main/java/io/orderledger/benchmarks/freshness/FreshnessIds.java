package io.orderledger.benchmarks.freshness;

import tools.jackson.databind.JsonNode;

/** Names in the simulator's change feed ({@code /control/changes}) as the API names them. */
public final class FreshnessIds {

  private FreshnessIds() {
  }

  /** The order's id in the API: NetConnect's own ids, and "source:id" for the other shapes. */
  public static String apiId(JsonNode change) {
    return change.get(5).asString().equals("netconnect") ? change.get(1).asString() : change.get(0).asString() + ":" + change.get(1).asString();
  }
}
