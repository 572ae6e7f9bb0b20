package io.orderledger.ledger.rules;

import static io.orderledger.events.OrderState.COMPLETED;
import static io.orderledger.events.OrderState.FAILED;
import static io.orderledger.events.OrderState.PENDING;
import static io.orderledger.events.OrderState.PROCESSING;
import static io.orderledger.events.OrderState.REVERSED;
import static io.orderledger.events.OrderState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderState;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderLifecycleTest {

  /**
   * DESIGN.md: pending → processing → completed | failed, pending → failed, completed → reversed; skips allowed,
   * completed included (an open order next seen reversed completed in between).
   */
  private static final Set<String> ALLOWED = Set.of(
      "PENDING>PROCESSING", "PENDING>COMPLETED", "PENDING>FAILED", "PENDING>REVERSED",
      "PROCESSING>COMPLETED", "PROCESSING>FAILED", "PROCESSING>REVERSED",
      "COMPLETED>REVERSED", "COMPLETED>FAILED");

  @ParameterizedTest
  @EnumSource(OrderState.class)
  void allowsExactlyTheDesignedTransitionsFrom(OrderState from) {
    for (OrderState to : OrderState.values()) {
      boolean expected = from != UNKNOWN && to != UNKNOWN && (from == to || ALLOWED.contains(from + ">" + to));

      assertThat(OrderLifecycle.canMove(from, to)).as("%s -> %s", from, to).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @EnumSource(value = OrderState.class, names = {"PENDING", "PROCESSING", "COMPLETED"})
  void nothingLeavesFailedOrReversedOrGoesBackToPending(OrderState to) {
    assertThat(OrderLifecycle.canMove(FAILED, to)).isFalse();
    assertThat(OrderLifecycle.canMove(REVERSED, to)).isFalse();
    assertThat(OrderLifecycle.canMove(COMPLETED, PENDING)).isFalse();
    assertThat(OrderLifecycle.canMove(COMPLETED, PROCESSING)).isFalse();
  }
}
