package io.orderledger.query.read;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One page request of {@code GET /api/v1/orders}, validated.
 *
 * @param types the order types to list; empty means all
 * @param state the state to list, or null for any
 * @param after the position after which this page starts (from a cursor), or null for the first page
 * @param walkStartedAt when the walk's first page was served: orders that arrived later are not part of this walk
 * @param createdFrom only orders created at or after this (unix ms), or null
 * @param createdTo only orders created at or before this (unix ms), or null
 */
public record ListQuery(String partnerId, Set<OrderType> types, OrderState state, int limit, byte[] after, long walkStartedAt,
                        Long createdFrom, Long createdTo) {

  public ListQuery {
    types = Set.copyOf(types);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }

  public ListQuery(String partnerId, Set<OrderType> types, OrderState state, int limit, byte[] after, long walkStartedAt) {
    this(partnerId, types, state, limit, after, walkStartedAt, null, null);
  }

  /** The same query continuing from a cursor. */
  public ListQuery continuing(Cursor cursor) {
    return new ListQuery(partnerId, types, state, limit, cursor.position(), cursor.walkStartedAt(), createdFrom, createdTo);
  }

  /** The filters as text, the same for the same filters whatever their order: a list cursor is bound to it. */
  public String filterSignature() {
    String typeList = types.isEmpty() ? "all" : TYPE_LISTS.computeIfAbsent(types, ListQuery::typeList);
    return "list;types=" + typeList + ";state=" + (state == null ? "any" : state.name()) + ";created=" + createdFrom + ".." + createdTo;
  }

  /** The few type sets clients ask for, each rendered once: every page's cursor is signed over them. */
  private static final Map<Set<OrderType>, String> TYPE_LISTS = new ConcurrentHashMap<>();

  private static String typeList(Set<OrderType> types) {
    return types.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new)).toString();
  }

  boolean matches(OrderType type, OrderState orderState, long createdAt) {
    return (types.isEmpty() || types.contains(type)) && (state == null || state == orderState)
        && (createdFrom == null || createdAt >= createdFrom) && (createdTo == null || createdAt <= createdTo);
  }
}
