package io.orderledger.benchmarks.freshness;

import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * When each version of each order was first seen through the API. A version is named by the order's {@code updatedAt}:
 * the source's own update time (NetConnect) or the poll that observed the change (the other shapes), so a version
 * with {@code updatedAt >= t} shows every change the source made up to {@code t}.
 */
public final class VisibilityLog {

  private final Map<String, NavigableMap<Long, Long>> firstSeenByOrder = new ConcurrentHashMap<>();

  /** Notes that {@code orderId} was shown at version {@code updatedAt} at {@code seenAt} (the first sighting counts). */
  public void saw(String orderId, long updatedAt, long seenAt) {
    firstSeenByOrder.computeIfAbsent(orderId, id -> new ConcurrentSkipListMap<>()).putIfAbsent(updatedAt, seenAt);
  }

  /** The versions of the order the API has shown (its {@code updatedAt}s), oldest first: what a diagnosis prints. */
  public java.util.Set<Long> versions(String orderId) {
    NavigableMap<Long, Long> versions = firstSeenByOrder.get(orderId);
    return versions == null ? java.util.Set.of() : new java.util.TreeSet<>(versions.navigableKeySet());
  }

  /**
   * The first time the API showed the order as of {@code changedAt} or later, or -1 if it never did. A change that was
   * superseded before anyone looked is therefore as late as the first version that includes it.
   */
  public long visibleAt(String orderId, long changedAt) {
    NavigableMap<Long, Long> versions = firstSeenByOrder.get(orderId);
    if (versions == null) {
      return -1;
    }
    long first = Long.MAX_VALUE;
    for (long seenAt : versions.tailMap(changedAt, true).values()) {
      first = Math.min(first, seenAt);
    }
    return first == Long.MAX_VALUE ? -1 : first;
  }
}
