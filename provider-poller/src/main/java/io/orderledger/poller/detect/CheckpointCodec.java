package io.orderledger.poller.detect;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checkpoints are JSON: internal to the poller, small, and readable with {@code kafka-console-consumer} when an
 * operator wants to know where a source stands. Each known order is a compact array
 * {@code [id, fingerprint, createdAt, position, updatedAt, rejectedHash]}.
 */
public final class CheckpointCodec {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int VERSION = 1;

  private CheckpointCodec() {
  }

  public static byte[] encode(Checkpoint checkpoint) {
    ObjectNode root = JSON.createObjectNode();
    root.put("v", VERSION);
    root.put("source", checkpoint.sourceId());
    root.put("windowSince", checkpoint.windowSince());
    root.put("fromPosition", checkpoint.fromPosition());
    root.put("prunedBefore", checkpoint.prunedBefore());
    root.put("newest", checkpoint.newest());
    ArrayNode orders = root.putArray("known");
    checkpoint.known().forEach((id, seen) -> orders.addArray()
        .add(id).add(seen.fingerprint()).add(seen.createdAt()).add(seen.position()).add(seen.updatedAt()).add(seen.rejectedHash()));
    return JSON.writeValueAsBytes(root);
  }

  /** @throws IllegalStateException when the bytes are not a checkpoint this version understands: better stop than re-ingest everything */
  public static Checkpoint decode(byte[] bytes) {
    try {
      JsonNode root = JSON.readTree(bytes);
      if (root.path("v").asInt() != VERSION) {
        throw new IllegalStateException("checkpoint version " + root.path("v") + " is not " + VERSION);
      }
      Map<String, SeenOrder> known = new HashMap<>();
      for (JsonNode order : root.path("known")) {
        known.put(order.get(0).asString(), new SeenOrder(order.get(1).asString(), order.get(2).asLong(), order.get(3).asLong(),
            order.get(4).asLong(), order.get(5).isNull() ? null : order.get(5).asString()));
      }
      return new Checkpoint(root.get("source").asString(), root.get("windowSince").asLong(), root.get("fromPosition").asLong(),
          root.get("prunedBefore").asLong(), root.get("newest").asLong(), Map.copyOf(known));
    } catch (JacksonException | NullPointerException e) {
      throw new IllegalStateException("unreadable checkpoint: " + e.getMessage(), e);
    }
  }
}
