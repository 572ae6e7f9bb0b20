package io.orderledger.query.api;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.query.model.ApiNames;
import io.orderledger.query.read.ListQuery;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the query parameters of {@code GET /api/v1/orders} into a {@link ListQuery}, exactly as seed 000 describes
 * them, or refuses with the parameter's own error code.
 */
public final class ListParameters {

  /** Seed 000: by default only the two flows this API sells. */
  public static final Set<OrderType> DEFAULT_SCOPE = Set.of(OrderType.DATA, OrderType.RESULT_CHECKER);
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private ListParameters() {
  }

  /**
   * @param cursor passed through as received: the reader opens it
   * @param now when this page is served: the walk's start when there is no cursor
   */
  public static ListQuery parse(String partnerId, String orderType, String state, String limit, String cursor, long now) {
    return parse(partnerId, orderType, state, limit, cursor, null, null, now);
  }

  /** @param createdFrom and {@code createdTo}: a creation window, epoch ms or RFC 3339, either may be absent */
  public static ListQuery parse(String partnerId, String orderType, String state, String limit, String cursor, String createdFrom,
                                String createdTo, long now) {
    Set<OrderType> types = types(orderType);
    OrderState orderState = state(state);
    int pageSize = limit(limit);
    Long[] created = TimeParameters.range("createdFrom", createdFrom, "createdTo", createdTo, now);
    return new ListQuery(partnerId, types, orderState, pageSize, cursor, now, created[0], created[1]);
  }

  static Set<OrderType> types(String orderType) {
    if (orderType == null) {
      return DEFAULT_SCOPE;
    }
    String name = orderType.trim().toLowerCase(Locale.ROOT);
    if (name.equals("all")) {
      return Set.of();
    }
    return ApiNames.type(name).map(Set::of).orElseThrow(() -> new ApiException(ApiError.INVALID_ORDER_TYPE,
        "orderType must be one of " + String.join(", ", ApiNames.typeNames()) + ", or all"));
  }

  static OrderState state(String state) {
    if (state == null) {
      return null;
    }
    return ApiNames.state(state.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> new ApiException(ApiError.INVALID_STATE,
        "state must be one of " + String.join(", ", ApiNames.stateNames())));
  }

  static int limit(String limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    long value;
    try {
      value = Long.parseLong(limit.trim());
    } catch (NumberFormatException e) {
      throw new ApiException(ApiError.INVALID_LIMIT, "limit must be a whole number from 1 (values above 100 are capped at 100)");
    }
    if (value < 1) {
      throw new ApiException(ApiError.INVALID_LIMIT, "limit must be a whole number from 1 (values above 100 are capped at 100)");
    }
    return (int) Math.min(value, MAX_LIMIT);
  }
}
