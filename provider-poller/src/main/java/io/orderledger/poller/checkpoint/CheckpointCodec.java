package io.orderledger.poller.checkpoint;

import io.orderledger.events.OrderState;
import io.orderledger.poller.paging.ListDirection;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checkpoints are JSON: internal to the poller, small, and readable with {@code kafka-console-consumer} when an
 * operator wants to know where a source stands. Each known order is a compact array
 * {@code [id, revision, state, listDigest, recordSha, fieldDigests, createdAt, updatedAt, rejectedHash]}. A source has two
 * records: its whole checkpoint ({@code id} names it), rewritten every few seconds, and under its changes key the
 * orders changed since that one ({@code base} names it, {@code removed} lists the orders gone). Version 1
 * checkpoints (before the source record was kept) are still read, so an upgraded poller resumes where it was.
 */
public final class CheckpointCodec {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int VERSION = 2;

  private CheckpointCodec() {
  }

  /** A record of the checkpoints topic as read: a whole checkpoint, or the changes to one ({@link #encodeChanges}). */
  public record Stored(Checkpoint checkpoint, String id, String base, List<String> removed) {

    /** True for the changes to the whole checkpoint with {@code id}. */
    public boolean changes(String id) {
      return base != null && base.equals(id);
    }

    /** The whole checkpoint these changes lead to from {@code whole}. */
    public Checkpoint appliedTo(Checkpoint whole) {
      Map<String, SeenOrder> known = new HashMap<>(whole.known());
      removed.forEach(known::remove);
      known.putAll(checkpoint.known());
      Checkpoint header = checkpoint;
      return new Checkpoint(header.sourceId(), header.windowSince(), header.prunedBefore(), header.newest(), header.direction(),
          header.resume(), Map.copyOf(known));
    }
  }

  /** A whole checkpoint without an id (nothing can be written as changes to it). */
  public static byte[] encode(Checkpoint checkpoint) {
    return encode(checkpoint, null);
  }

  /**
   * A whole checkpoint: every order of the window.
   *
   * @param id names this checkpoint, so that later changes can say which one they change (null: none will)
   */
  public static byte[] encode(Checkpoint checkpoint, String id) {
    return write(checkpoint, checkpoint.known().entrySet(), id, null, List.of());
  }

  /**
   * What changed from the whole checkpoint {@code base} (written with {@code baseId}) to {@code next}: the header of
   * {@code next}, the orders new or different since {@code base} and those gone from it. A few entries where the whole
   * checkpoint has the window's thousand.
   */
  public static byte[] encodeChanges(Checkpoint next, Checkpoint base, String baseId) {
    List<Map.Entry<String, SeenOrder>> changed = new ArrayList<>();
    next.known().forEach((id, seen) -> {
      if (!seen.equals(base.known().get(id))) {
        changed.add(Map.entry(id, seen));
      }
    });
    List<String> removed = base.known().keySet().stream().filter(id -> !next.known().containsKey(id)).sorted().toList();
    return write(next, changed, null, baseId, removed);
  }

  /**
   * Written straight to the generator, not built as a tree first: a whole checkpoint holds every order of the window
   * (a few hundred bytes each), and building the tree was a sixth of the poller's CPU under load (the freshness
   * benchmark, 2026-12-03).
   */
  private static byte[] write(Checkpoint header, Collection<Map.Entry<String, SeenOrder>> orders, String id, String base,
                              List<String> removed) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 320 * orders.size());
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeNumberProperty("v", VERSION);
      json.writeStringProperty("source", header.sourceId());
      if (id != null) {
        json.writeStringProperty("id", id);
      }
      if (base != null) {
        json.writeStringProperty("base", base);
        json.writeArrayPropertyStart("removed");
        for (String gone : removed) {
          json.writeString(gone);
        }
        json.writeEndArray();
      }
      json.writeNumberProperty("windowSince", header.windowSince());
      json.writeNumberProperty("prunedBefore", header.prunedBefore());
      json.writeNumberProperty("newest", header.newest());
      json.writeStringProperty("direction", header.direction().name());
      json.writeStringProperty("resume", header.resume());
      json.writeArrayPropertyStart("known");
      for (Map.Entry<String, SeenOrder> order : orders) {
        SeenOrder seen = order.getValue();
        json.writeStartArray();
        json.writeString(order.getKey());
        json.writeNumber(seen.revision());
        json.writeString(seen.state() == null ? null : seen.state().name());
        json.writeString(Long.toHexString(seen.listDigest()));
        json.writeString(seen.recordSha());
        json.writeString(seen.fieldDigests());
        json.writeNumber(seen.createdAt());
        json.writeNumber(seen.updatedAt());
        json.writeString(seen.rejectedHash());
        json.writeEndArray();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return bytes.toByteArray();
  }

  /** A whole checkpoint. */
  public static Checkpoint decode(byte[] bytes) {
    return decodeStored(bytes).checkpoint();
  }

  /** @throws IllegalStateException when the bytes are not a checkpoint this version understands: better stop than re-ingest everything */
  public static Stored decodeStored(byte[] bytes) {
    try {
      JsonNode root = JSON.readTree(bytes);
      int version = root.path("v").asInt();
      if (version == 1) {
        return new Stored(decodeVersion1(root), null, null, List.of());
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
      Checkpoint checkpoint = new Checkpoint(root.get("source").asString(), root.get("windowSince").asLong(), root.get("prunedBefore").asLong(),
          root.get("newest").asLong(), ListDirection.valueOf(root.get("direction").asString()),
          root.get("resume").isNull() ? null : root.get("resume").asString(), Map.copyOf(known));
      List<String> removed = new ArrayList<>();
      root.path("removed").forEach(gone -> removed.add(gone.asString()));
      return new Stored(checkpoint, text(root.get("id")), text(root.get("base")), List.copyOf(removed));
    } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
      throw new IllegalStateException("unreadable checkpoint: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asString();
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
