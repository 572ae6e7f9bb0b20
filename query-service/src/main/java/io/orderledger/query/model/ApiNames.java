package io.orderledger.query.model;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The API's lowercase names for states and order types, and back. */
public final class ApiNames {

  private ApiNames() {
  }

  public static String of(OrderState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  public static String of(OrderType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  /** Every order type's API name, in the schema's order (UNKNOWN, the reader's default for a newer type, is not one). */
  public static List<String> typeNames() {
    return Arrays.stream(OrderType.values()).filter(type -> type != OrderType.UNKNOWN).map(ApiNames::of).toList();
  }

  /** Every state's API name, in the schema's order (UNKNOWN is not one). */
  public static List<String> stateNames() {
    return Arrays.stream(OrderState.values()).filter(state -> state != OrderState.UNKNOWN).map(ApiNames::of).toList();
  }

  /** A known state by its API name; UNKNOWN is not one. */
  public static Optional<OrderState> state(String name) {
    for (OrderState state : OrderState.values()) {
      if (state != OrderState.UNKNOWN && of(state).equals(name)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }

  public static Optional<OrderType> type(String name) {
    for (OrderType type : OrderType.values()) {
      if (type != OrderType.UNKNOWN && of(type).equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
