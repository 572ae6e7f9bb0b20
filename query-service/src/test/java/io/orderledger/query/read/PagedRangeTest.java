package io.orderledger.query.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderledger.events.OrderType;
import io.orderledger.query.store.QueryDriver;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Opening a client's cursor: only one this service issued, for this partner, endpoint and filters. */
class PagedRangeTest {

  private final PagedRange paging = QueryDriver.PAGING;

  private static String signature(Set<OrderType> types, io.orderledger.events.OrderState state) {
    return new ListQuery("partner-a", types, state, 1, null, 0).filterSignature();
  }

  @Test
  void aWalkStartsNowAndContinuesFromItsCursorsPositionAndStart() {
    PagedRange.Resume first = paging.resume("partner-a", signature(Set.of(), null), null, 1_000L);
    assertThat(first.after()).isNull();
    assertThat(first.walkStartedAt()).isEqualTo(1_000L);

    String token = paging.cursor("partner-a", signature(Set.of(), null), 500L, new byte[] {1, 2});
    PagedRange.Resume next = paging.resume("partner-a", signature(Set.of(), null), token, 9_000L);
    assertThat(next.after()).containsExactly(1, 2);
    assertThat(next.walkStartedAt()).as("the walk's own start, not this page's").isEqualTo(500L);
  }

  @Test
  void refusesACursorWithDifferentFiltersAnotherPartnersOrAForgedOne() {
    String token = paging.cursor("partner-a", signature(Set.of(), null), 500L, new byte[] {1});

    assertThatThrownBy(() -> paging.resume("partner-a", signature(Set.of(OrderType.DATA), null), token, 0)).isInstanceOf(InvalidCursor.class);
    assertThatThrownBy(() -> paging.resume("partner-a", signature(Set.of(), io.orderledger.events.OrderState.FAILED), token, 0))
        .isInstanceOf(InvalidCursor.class);
    assertThatThrownBy(() -> paging.resume("partner-b", signature(Set.of(), null), token, 0)).isInstanceOf(InvalidCursor.class);
    assertThatThrownBy(() -> paging.resume("partner-a", signature(Set.of(), null), "garbage", 0))
        .isInstanceOf(InvalidCursor.class)
        .hasMessage("cursor is not one this API issued for this key, this endpoint and these filters; start again without it");
  }
}
