package io.orderledger.query.read;

import io.orderledger.query.store.StoreKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * How every paged endpoint reads a page: its client's cursor checked and opened, one or more key ranges of a store
 * walked in position order from just after where the last page ended, at most {@code limit} items kept, and the
 * cursor that continues from the last one. A position is a key's bytes after its range's prefix, so ranges under
 * different prefixes (two order types' indexes) merge into one walk, and a cursor says nothing of the store's layout.
 */
public final class PagedRange {

  /** One page: its items, whether the walk is over, and the cursor that continues it. */
  public record Page<T>(List<T> items, boolean done, String continueCursor) {
  }

  /** Where a walk stands before this page: when it began, and the position of its last item (null before the first). */
  public record Resume(long walkStartedAt, byte[] after) {
  }

  /**
   * One key range: every key under {@code prefix} from {@code from} to {@code to}, both inclusive as Kafka Streams'
   * ranges are; null for the first or past the last key under the prefix.
   */
  public record Range(byte[] prefix, Bytes from, Bytes to) {

    public static Range under(byte[] prefix) {
      return new Range(prefix, null, null);
    }
  }

  /** What a page keeps of an entry. */
  public interface Items<T> {

    /** The item, or null to skip the entry (it no longer belongs to the walk). */
    T item(byte[] key, byte[] value, int prefixLength);

    /** Whether the walk ends before this entry (the end of a period the keys do not bound). */
    default boolean endsBefore(byte[] value) {
      return false;
    }
  }

  private final CursorCodec cursors;

  public PagedRange(CursorCodec cursors) {
    this.cursors = cursors;
  }

  /**
   * Opens a client's cursor ({@code null} or empty: a walk starting now).
   *
   * @throws InvalidCursor when it is not one this service issued for this partner, endpoint and filters
   */
  public Resume resume(String partnerId, String signature, String cursor, long now) {
    if (cursor == null || cursor.isEmpty()) {
      return new Resume(now, null);
    }
    Cursor opened = cursors.decode(cursor, partnerId, signature).orElseThrow(() -> new InvalidCursor(
        "cursor is not one this API issued for this key, this endpoint and these filters; start again without it"));
    return new Resume(opened.walkStartedAt(), opened.position());
  }

  /** The cursor that continues a walk after {@code position}. */
  public String cursor(String partnerId, String signature, long walkStartedAt, byte[] position) {
    return cursors.encode(new Cursor(partnerId, signature, walkStartedAt, position));
  }

  /** A page read from {@code ranges}, continuing {@code resume}, its cursor bound to {@code partnerId} and {@code signature}. */
  public <T> Page<T> page(ReadOnlyKeyValueStore<Bytes, byte[]> store, List<Range> ranges, String partnerId, String signature,
                          Resume resume, int limit, Items<T> items) {
    Slice<T> slice = read(store, ranges, resume.after(), limit, items);
    return new Page<>(slice.items(), slice.done(), cursor(partnerId, signature, resume.walkStartedAt(),
        slice.last() != null ? slice.last() : resume.after()));
  }

  /** Items read and where the last one sits; {@code last} is null when none was read. */
  public record Slice<T>(List<T> items, boolean done, byte[] last) {
  }

  /** Reads up to {@code limit} items of the ranges, merged in position order, after position {@code after}. */
  public static <T> Slice<T> read(ReadOnlyKeyValueStore<Bytes, byte[]> store, List<Range> ranges, byte[] after, int limit,
                                  Items<T> items) {
    List<Walk> walks = new ArrayList<>(ranges.size());
    try {
      PriorityQueue<Walk> merge = new PriorityQueue<>(Math.max(1, ranges.size()), Walk::comparePositions);
      for (Range range : ranges) {
        Walk walk = new Walk(range.prefix(), store.range(start(range, after), range.to() != null ? range.to() : StoreKeys.end(range.prefix())));
        walks.add(walk);
        if (walk.advance()) {
          merge.add(walk);
        }
      }
      List<T> page = new ArrayList<>(limit);
      byte[] lastKey = null;
      int lastPrefixLength = 0;
      boolean more = false;
      while (!merge.isEmpty()) {
        Walk walk = merge.poll();
        byte[] key = walk.key;
        byte[] value = walk.value;
        int prefixLength = walk.prefix.length;
        if (items.endsBefore(value)) {
          break;
        }
        T item = items.item(key, value, prefixLength);
        if (walk.advance()) {
          merge.add(walk);
        }
        if (item == null) {
          continue;
        }
        if (page.size() == limit) {
          more = true;
          break;
        }
        page.add(item);
        lastKey = key;
        lastPrefixLength = prefixLength;
      }
      // Only the last item's position goes into the cursor: it alone is copied out of its key.
      byte[] last = lastKey == null ? null : Arrays.copyOfRange(lastKey, lastPrefixLength, lastKey.length);
      return new Slice<>(page, !more, last);
    } finally {
      walks.forEach(Walk::close);
    }
  }

  /** Where a range's walk starts: at its start, or just after the position already read if that is later. */
  private static Bytes start(Range range, byte[] after) {
    Bytes start = range.from() != null ? range.from() : Bytes.wrap(range.prefix());
    if (after == null) {
      return start;
    }
    Bytes afterCursor = StoreKeys.justAfter(range.prefix(), after);
    return afterCursor.compareTo(start) > 0 ? afterCursor : start;
  }

  /** One range's iterator, positioned on its current entry; the entry's position is its key after the prefix. */
  private static final class Walk implements AutoCloseable {
    private final byte[] prefix;
    private final KeyValueIterator<Bytes, byte[]> iterator;
    private byte[] key;
    private byte[] value;

    Walk(byte[] prefix, KeyValueIterator<Bytes, byte[]> iterator) {
      this.prefix = prefix;
      this.iterator = iterator;
    }

    boolean advance() {
      if (!iterator.hasNext()) {
        return false;
      }
      KeyValue<Bytes, byte[]> next = iterator.next();
      key = next.key.get();
      value = next.value;
      return true;
    }

    /** Merge order: the positions compared in place, without copying them out of the keys. */
    static int comparePositions(Walk a, Walk b) {
      return Arrays.compareUnsigned(a.key, a.prefix.length, a.key.length, b.key, b.prefix.length, b.key.length);
    }

    @Override
    public void close() {
      iterator.close();
    }
  }
}
