package io.orderledger.poller.paging;

import io.orderledger.poller.source.UpstreamJson;
import tools.jackson.databind.JsonNode;

/**
 * One entry of a listed page as the source sent it: its bytes (a slice of the page), their digest, and what the scan
 * reads without a tree (the id and the creation time, lenient: a bad value is the mapper's to reject, not the scan's).
 * Most entries of a scan are orders seen before and unchanged: their digest says so, and their tree is never built.
 */
public final class ListEntry {

  private final byte[] page;
  private final int offset;
  private final int length;
  private final long digest;
  private final String id;
  private final Long createdAt;
  private final boolean object;
  private JsonNode tree;

  ListEntry(byte[] page, int offset, int length, String id, Long createdAt, boolean object, JsonNode tree) {
    this.page = page;
    this.offset = offset;
    this.length = length;
    this.digest = EntryDigest.of(page, offset, length);
    this.id = id;
    this.createdAt = createdAt;
    this.object = object;
    this.tree = tree;
  }

  /** An entry from a tree (tests, and sources that build their entries): written out, then read as a page would be. */
  public static ListEntry of(JsonNode entry, EntryKeys keys) {
    byte[] bytes = UpstreamJson.MAPPER.writeValueAsBytes(entry);
    return PageReader.entry(bytes, keys);
  }

  /**
   * A 64-bit digest of the entry's bytes, kept in the checkpoint: the same digest at the next scan means the source
   * sent the same bytes, so the order has not changed. A source that rewrites an unchanged entry differently (members
   * reordered, spacing) only causes one more look at it, whose canonical hash then finds nothing new.
   */
  public long digest() {
    return digest;
  }

  /** The id member as text, or null when it is absent, null or not a value. */
  public String id() {
    return id;
  }

  /** The creation time in epoch milliseconds, or null when it is absent or cannot be read. */
  public Long createdAt() {
    return createdAt;
  }

  /** Whether the entry is a JSON object (anything else is mapped, and rejected, with its reason). */
  public boolean isObject() {
    return object;
  }

  /** The entry parsed, built on first use: only new and changed entries are. */
  public JsonNode tree() {
    if (tree == null) {
      tree = UpstreamJson.MAPPER.readTree(page, offset, length);
    }
    return tree;
  }
}
