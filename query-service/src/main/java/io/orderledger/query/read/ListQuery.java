package io.orderledger.query.read;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One page request of {@code GET /api/v1/orders}, validated.
 *
 * @param types the order types to list; empty means all
 * @param state the state to list, or null for any
 * @param after the position after which this page starts (from a cursor), or null for the first page
 * @param walkStartedAt when the walk's first page was served: orders that arrived later are not part of this walk
 */
public record ListQuery(String partnerId, Set<OrderType> types, OrderState state, int limit, byte[] after, long walkStartedAt,
                        String filterSignature) {

  public ListQuery(String partnerId, Set<OrderType> types, OrderState state, int limit, byte[] after, long walkStartedAt) {
    this(partnerId, types, state, limit, after, walkStartedAt, signature(types, state));
  }

  public ListQuery {
    types = Set.copyOf(types);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }

  /** The filters as text, the same for the same filters whatever their order: cursors are bound to it. */
  private static String signature(Set<OrderType> types, OrderState state) {
    String typeList = types.isEmpty() ? "all" : types.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new)).toString();
    return "types=" + typeList + ";state=" + (state == null ? "any" : state.name());
  }

  boolean matches(OrderType type, OrderState orderState) {
    return (types.isEmpty() || types.contains(type)) && (state == null || state == orderState);
  }
}
