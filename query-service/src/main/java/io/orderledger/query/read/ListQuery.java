package io.orderledger.query.read;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import java.util.Collections;
import java.util.EnumSet;
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
 * @param cursor the client's continue cursor, as received, or null for the first page (the reader opens it)
 * @param now when this page is served: the walk's start when there is no cursor (orders that arrive later are not
 *     part of the walk)
 * @param createdFrom only orders created at or after this (unix ms), or null
 * @param createdTo only orders created at or before this (unix ms), or null
 */
public record ListQuery(String partnerId, Set<OrderType> types, OrderState state, int limit, String cursor, long now,
                        Long createdFrom, Long createdTo) {

  public ListQuery {
    // An EnumSet: every index entry a page walks is matched against it.
    types = types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }

  public ListQuery(String partnerId, Set<OrderType> types, OrderState state, int limit, String cursor, long now) {
    this(partnerId, types, state, limit, cursor, now, null, null);
  }

  /** The same query continuing with a client's cursor. */
  public ListQuery continuing(String continueCursor) {
    return new ListQuery(partnerId, types, state, limit, continueCursor, now, createdFrom, createdTo);
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
