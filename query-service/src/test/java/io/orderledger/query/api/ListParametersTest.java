package io.orderledger.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.query.read.ListQuery;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListParametersTest {

  private ListQuery parse(String orderType, String state, String limit, String cursor) {
    return ListParameters.parse("partner-a", orderType, state, limit, cursor, 1_000L);
  }

  private static ApiError errorOf(Runnable call) {
    try {
      call.run();
      return null;
    } catch (ApiException e) {
      return e.error();
    }
  }

  @Test
  void defaultsToDataAndResultCheckerTwentyAtATime() {
    ListQuery query = parse(null, null, null, null);

    assertThat(query.types()).containsExactlyInAnyOrder(OrderType.DATA, OrderType.RESULT_CHECKER);
    assertThat(query.state()).isNull();
    assertThat(query.limit()).isEqualTo(20);
    assertThat(query.cursor()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"airtime", "voice", "afa", "registration", "top_up", "result_checker", "data", "gift_card", "esim", "product", "DATA"})
  void acceptsEveryOrderType(String type) {
    assertThat(parse(type, null, null, null).types()).hasSize(1);
  }

  @Test
  void allMeansEveryType() {
    assertThat(parse("all", null, null, null).types()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bundle", "", "unknown", "data,airtime", "'; drop table"})
  void refusesAnyOtherOrderType(String type) {
    assertThat(errorOf(() -> parse(type, null, null, null))).isEqualTo(ApiError.INVALID_ORDER_TYPE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pending", "processing", "completed", "failed", "reversed"})
  void acceptsEveryState(String state) {
    assertThat(parse(null, state, null, null).state()).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"done", "", "unknown", "PENDING,failed"})
  void refusesAnyOtherState(String state) {
    assertThat(errorOf(() -> parse(null, state, null, null))).isEqualTo(ApiError.INVALID_STATE);
  }

  @Test
  void capsTheLimitAtAHundred() {
    assertThat(parse(null, null, "100", null).limit()).isEqualTo(100);
    assertThat(parse(null, null, "101", null).limit()).isEqualTo(100);
    assertThat(parse(null, null, "99999999999999", null).limit()).isEqualTo(100);
    assertThat(parse(null, null, "1", null).limit()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "abc", "", "1.5", "20x", "999999999999999999999"})
  void refusesZeroNegativeAndNonNumericLimits(String limit) {
    assertThat(errorOf(() -> parse(null, null, limit, null))).isEqualTo(ApiError.INVALID_LIMIT);
  }

  @Test
  void passesTheCursorThroughUntouchedForTheReaderToOpen() {
    ListQuery next = parse("all", "pending", "5", "an-opaque-token");

    assertThat(next.cursor()).isEqualTo("an-opaque-token");
    assertThat(next.now()).isEqualTo(1_000L);
    assertThat(next.limit()).as("the page size may change between pages").isEqualTo(5);
  }

  @Test
  void theFilterSignatureIgnoresOrder() {
    ListQuery a = new ListQuery("p", Set.of(OrderType.DATA, OrderType.RESULT_CHECKER), OrderState.PENDING, 1, null, 0);
    ListQuery b = new ListQuery("p", Set.of(OrderType.RESULT_CHECKER, OrderType.DATA), OrderState.PENDING, 1, null, 0);

    assertThat(a.filterSignature()).isEqualTo(b.filterSignature());
  }
}
