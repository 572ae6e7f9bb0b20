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
 * {@code [id, revision, state, listDigest, recordSha, fieldDigests, createdAt, updatedAt, rejectedHash]}. A source has
 * its whole checkpoint ({@code id} names it), rewritten now and then, and after it one record per cycle that changed
 * something: the orders that cycle changed ({@code base} names the whole checkpoint, {@code seq} counts from 1 after it,
 * {@code removed} lists the orders gone). Before 2026-12-05 a single changes record held every change since the whole
 * checkpoint (no {@code seq}); it is still read. Version 1 checkpoints (before the source record was kept) are still
 * read too, so an upgraded poller resumes where it was.
 */
public final class CheckpointCodec {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int VERSION = 2;

  private CheckpointCodec() {
  }

  /**
   * A record of the checkpoints topic as read: a whole checkpoint, or changes to one ({@link #encodeChanges}).
   *
   * @param seq for changes, their place after the whole checkpoint (1 first); 0 for a whole checkpoint and for the
   *            cumulative changes record written before 2026-12-05
   */
  public record Stored(Checkpoint checkpoint, String id, String base, int seq, List<String> removed) {

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
    return write(checkpoint, checkpoint.known().entrySet(), id, null, 0, List.of());
  }

  /**
   * What changed from {@code previous} to {@code next}: the header of {@code next}, the orders new or different since
   * {@code previous} and those gone from it. A few entries where the whole checkpoint has the window's thousands.
   *
   * @param baseId the whole checkpoint these changes follow
   * @param seq    their place after it: 1 for the changes from the whole checkpoint itself, then 2, 3, ...
   */
  public static byte[] encodeChanges(Checkpoint next, Checkpoint previous, String baseId, int seq) {
    if (seq < 1) {
      throw new IllegalArgumentException("changes are numbered from 1, not " + seq);
    }
    List<Map.Entry<String, SeenOrder>> changed = new ArrayList<>();
    next.known().forEach((id, seen) -> {
      if (!seen.equals(previous.known().get(id))) {
        changed.add(Map.entry(id, seen));
      }
    });
    List<String> removed = previous.known().keySet().stream().filter(id -> !next.known().containsKey(id)).sorted().toList();
    return write(next, changed, null, baseId, seq, removed);
  }

  /**
   * The checkpoint that a whole one and the changes after it lead to. Changes that follow another whole checkpoint are
   * ignored, and so is anything after a gap in their numbering (each cycle's changes commit with its events, so a gap
   * cannot happen; were one found, stopping before it only makes the poller look at those orders again).
   */
  public static Checkpoint replay(Stored whole, Collection<Stored> changes) {
    Checkpoint checkpoint = whole.checkpoint();
    if (whole.id() == null) {
      return checkpoint;
    }
    List<Stored> chain = changes.stream().filter(stored -> stored.changes(whole.id())).sorted(java.util.Comparator.comparingInt(Stored::seq))
        .toList();
    int expected = 1;
    for (Stored next : chain) {
      if (next.seq() == 0) {
        return next.appliedTo(whole.checkpoint()); // the cumulative record of an older poller: everything since the whole one
      }
      if (next.seq() != expected) {
        break;
      }
      checkpoint = next.appliedTo(checkpoint);
      expected++;
    }
    return checkpoint;
  }

  /**
   * Written straight to the generator, not built as a tree first: a whole checkpoint holds every order of the window
   * (a few hundred bytes each), and building the tree was a sixth of the poller's CPU under load (the freshness
   * benchmark, 2026-12-03).
   */
  private static byte[] write(Checkpoint header, Collection<Map.Entry<String, SeenOrder>> orders, String id, String base, int seq,
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
        json.writeNumberProperty("seq", seq);
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
        return new Stored(decodeVersion1(root), null, null, 0, List.of());
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
      return new Stored(checkpoint, text(root.get("id")), text(root.get("base")), root.path("seq").asInt(0), List.copyOf(removed));
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
