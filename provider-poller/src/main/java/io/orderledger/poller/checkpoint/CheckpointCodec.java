package io.orderledger.poller.checkpoint;

import io.orderledger.events.OrderState;
import io.orderledger.poller.paging.ListDirection;
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
 * {@code [id, revision, state, listDigest, recordSha, fieldDigests, createdAt, updatedAt, rejectedHash]}. Version 1
 * checkpoints (before the source record was kept) are still read, so an upgraded poller resumes where it was.
 */
public final class CheckpointCodec {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int VERSION = 2;

  private CheckpointCodec() {
  }

  public static byte[] encode(Checkpoint checkpoint) {
    ObjectNode root = JSON.createObjectNode();
    root.put("v", VERSION);
    root.put("source", checkpoint.sourceId());
    root.put("windowSince", checkpoint.windowSince());
    root.put("prunedBefore", checkpoint.prunedBefore());
    root.put("newest", checkpoint.newest());
    root.put("direction", checkpoint.direction().name());
    root.put("resume", checkpoint.resume());
    ArrayNode orders = root.putArray("known");
    checkpoint.known().forEach((id, seen) -> orders.addArray()
        .add(id).add(seen.revision()).add(seen.state() == null ? null : seen.state().name()).add(Long.toHexString(seen.listDigest()))
        .add(seen.recordSha()).add(seen.fieldDigests()).add(seen.createdAt()).add(seen.updatedAt()).add(seen.rejectedHash()));
    return JSON.writeValueAsBytes(root);
  }

  /** @throws IllegalStateException when the bytes are not a checkpoint this version understands: better stop than re-ingest everything */
  public static Checkpoint decode(byte[] bytes) {
    try {
      JsonNode root = JSON.readTree(bytes);
      int version = root.path("v").asInt();
      if (version == 1) {
        return decodeVersion1(root);
      }
      if (version != VERSION) {
        throw new IllegalStateException("checkpoint version " + root.path("v") + " is not " + VERSION + " or 1");
      }
      Map<String, SeenOrder> known = new HashMap<>();
      for (JsonNode order : root.path("known")) {
        known.put(order.get(0).asString(), new SeenOrder(order.get(1).asInt(),
            order.get(2).isNull() ? null : OrderState.valueOf(order.get(2).asString()), Long.parseUnsignedLong(order.get(3).asString(), 16),
            order.get(4).asString(), order.get(5).asString(), order.get(6).asLong(), order.get(7).asLong(),
            order.get(8).isNull() ? null : order.get(8).asString(), null));
      }
      return new Checkpoint(root.get("source").asString(), root.get("windowSince").asLong(), root.get("prunedBefore").asLong(),
          root.get("newest").asLong(), ListDirection.valueOf(root.get("direction").asString()),
          root.get("resume").isNull() ? null : root.get("resume").asString(), Map.copyOf(known));
    } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
      throw new IllegalStateException("unreadable checkpoint: " + e.getMessage(), e);
    }
  }

  /** {@code [id, fingerprint, createdAt, position, updatedAt, rejectedHash]}, where the fingerprint is STATE or STATE:RRC. */
  private static Checkpoint decodeVersion1(JsonNode root) {
    Map<String, SeenOrder> known = new HashMap<>();
    for (JsonNode order : root.path("known")) {
      String fingerprint = order.get(1).asString();
      OrderState state = fingerprint.isEmpty() ? null : OrderState.valueOf(fingerprint.split(":")[0]);
      known.put(order.get(0).asString(), new SeenOrder(1, state, 0, "", "", order.get(2).asLong(), order.get(4).asLong(),
          order.get(5).isNull() ? null : order.get(5).asString(), fingerprint.isEmpty() ? null : fingerprint));
    }
    return new Checkpoint(root.get("source").asString(), root.get("windowSince").asLong(), root.get("prunedBefore").asLong(),
        root.get("newest").asLong(), ListDirection.UNKNOWN, null, Map.copyOf(known));
  }
}
