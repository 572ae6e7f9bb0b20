package io.orderledger.query.model;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The API's lowercase names for states and order types, and back. Each name is made once: every list request looks
 * up its filters here, and every stored view is rendered with them.
 */
public final class ApiNames {

  private static final String[] STATE_NAMES = Arrays.stream(OrderState.values()).map(ApiNames::lowercase).toArray(String[]::new);
  private static final String[] TYPE_NAMES = Arrays.stream(OrderType.values()).map(ApiNames::lowercase).toArray(String[]::new);
  private static final Map<String, OrderState> STATES = byName(OrderState.values(), OrderState.UNKNOWN);
  private static final Map<String, OrderType> TYPES = byName(OrderType.values(), OrderType.UNKNOWN);

  private ApiNames() {
  }

  public static String of(OrderState state) {
    return STATE_NAMES[state.ordinal()];
  }

  public static String of(OrderType type) {
    return TYPE_NAMES[type.ordinal()];
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
    return Optional.ofNullable(STATES.get(name));
  }

  public static Optional<OrderType> type(String name) {
    return Optional.ofNullable(TYPES.get(name));
  }

  private static String lowercase(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static <E extends Enum<E>> Map<String, E> byName(E[] values, E unknown) {
    return Arrays.stream(values).filter(value -> value != unknown).collect(Collectors.toUnmodifiableMap(ApiNames::lowercase, Function.identity()));
  }
}
