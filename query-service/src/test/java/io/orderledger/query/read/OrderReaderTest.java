package io.orderledger.query.read;

import static io.orderledger.query.Views.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.query.model.JsonRenderer;
import io.orderledger.query.store.QueryDriver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderReaderTest {

  private static final String A = "partner-a";
  private final QueryDriver query = new QueryDriver();

  @AfterEach
  void close() {
    query.close();
  }

  private static String id(JsonSlice json) {
    return JsonRenderer.mapper().readTree(json.toString()).get("_id").asString();
  }

  private PagedRange.Page<JsonSlice> list(ListQuery query) {
    return this.query.reader().list(query);
  }

  private ListQuery first(Set<OrderType> types, OrderState state, int limit) {
    return new ListQuery(A, types, state, limit, null, query.now.get());
  }

  @Test
  void listsNewestFirstWithTiesByOrderId() {
    query.send(view(A, "b", OrderType.DATA, OrderState.PENDING, 100, 1),
        view(A, "a", OrderType.DATA, OrderState.PENDING, 100, 1),
        view(A, "c", OrderType.DATA, OrderState.PENDING, 300, 1),
        view(A, "d", OrderType.DATA, OrderState.PENDING, 200, 1));

    PagedRange.Page<JsonSlice> page = list(first(Set.of(), null, 10));

    assertThat(page.items()).extracting(OrderReaderTest::id).containsExactly("c", "d", "a", "b");
    assertThat(page.done()).isTrue();
  }

  @Test
  void theDefaultScopeMergesDataAndResultCheckerOnly() {
    query.send(view(A, "data-1", OrderType.DATA, OrderState.PENDING, 100, 1),
        view(A, "rc-1", OrderType.RESULT_CHECKER, OrderState.PENDING, 200, 1),
        view(A, "air-1", OrderType.AIRTIME, OrderState.PENDING, 300, 1),
        view(A, "data-2", OrderType.DATA, OrderState.COMPLETED, 400, 1));

    PagedRange.Page<JsonSlice> page = list(first(Set.of(OrderType.DATA, OrderType.RESULT_CHECKER), null, 10));
    PagedRange.Page<JsonSlice> completedData = list(first(Set.of(OrderType.DATA, OrderType.RESULT_CHECKER), OrderState.COMPLETED, 10));

    assertThat(page.items()).extracting(OrderReaderTest::id).containsExactly("data-2", "rc-1", "data-1");
    assertThat(completedData.items()).extracting(OrderReaderTest::id).containsExactly("data-2");
  }

  @Test
  void anotherPartnersOrdersAreInvisible() {
    query.send(view(A, "mine", OrderType.DATA, OrderState.PENDING, 100, 1), view("partner-b", "theirs", OrderType.DATA, OrderState.PENDING, 200, 1));

    assertThat(list(first(Set.of(), null, 10)).items()).extracting(OrderReaderTest::id).containsExactly("mine");
    assertThat(query.reader().json(A, "theirs")).isEmpty();
    assertThat(query.reader().json("partner-b", "theirs")).isPresent();
  }

  @Test
  void walkingAllPagesReturnsEveryOrderOnceEvenWhileNewOnesArrive() {
    for (int i = 0; i < 95; i++) {
      query.send(view(A, "o" + i, OrderType.DATA, i % 3 == 0 ? OrderState.COMPLETED : OrderState.PENDING, 1_000 + i / 2, 1));
    }
    long walkStart = query.now.get();
    query.now.addAndGet(10);
    List<String> seen = new ArrayList<>();
    ListQuery walk = new ListQuery(A, Set.of(), null, 10, null, walkStart);
    boolean done = false;
    int pages = 0;
    while (!done) {
      PagedRange.Page<JsonSlice> page = list(walk);
      page.items().forEach(json -> seen.add(id(json)));
      walk = walk.continuing(page.continueCursor());
      done = page.done();
      // Meanwhile: new orders (newer and, from a slow poller, older than the cursor) and a state change.
      query.send(view(A, "new-" + pages, OrderType.DATA, OrderState.PENDING, 5_000 + pages, 1),
          view(A, "late-" + pages, OrderType.DATA, OrderState.PENDING, 10, 1),
          view(A, "o" + pages, OrderType.DATA, OrderState.FAILED, 1_000 + pages / 2, 2));
      pages++;
    }

    assertThat(seen).hasSize(95).doesNotHaveDuplicates().allMatch(id -> id.startsWith("o"));
    assertThat(pages).isEqualTo(10);
  }

  @Test
  void aOnePercentFilterReadsOnlyItsOwnIndexEntries() {
    for (int i = 0; i < 1_000; i++) {
      query.send(view(A, "o" + i, OrderType.DATA, i % 100 == 0 ? OrderState.REVERSED : OrderState.COMPLETED, 10_000 + i, 1));
    }
    CountingStore index = new CountingStore(query.index());

    PagedRange.Page<JsonSlice> page = new OrderReader(query.orders(), index, null, QueryDriver.PAGING)
        .list(new ListQuery(A, Set.of(), OrderState.REVERSED, 100, null, query.now.get()));

    assertThat(page.items()).hasSize(10);
    assertThat(index.visited.get()).as("index entries read for 10 matches among 1,000 orders").isEqualTo(10);
  }

  @Test
  void aOnePercentCreationWindowReadsOnlyItsPartOfTheIndexAndPagesWithinIt() {
    for (int i = 0; i < 1_000; i++) {
      query.send(view(A, "o" + i, i % 2 == 0 ? OrderType.DATA : OrderType.RESULT_CHECKER, OrderState.COMPLETED, 10_000 + i, 1));
    }
    CountingStore index = new CountingStore(query.index());
    OrderReader reader = new OrderReader(query.orders(), index, null, QueryDriver.PAGING);
    ListQuery window = new ListQuery(A, Set.of(), null, 6, null, query.now.get(), 10_500L, 10_509L);

    PagedRange.Page<JsonSlice> first = reader.list(window);
    PagedRange.Page<JsonSlice> second = reader.list(window.continuing(first.continueCursor()));

    assertThat(first.items()).extracting(OrderReaderTest::id).containsExactly("o509", "o508", "o507", "o506", "o505", "o504");
    assertThat(second.items()).extracting(OrderReaderTest::id).containsExactly("o503", "o502", "o501", "o500");
    assertThat(second.done()).isTrue();
    assertThat(index.visited.get()).as("index entries read for a 10-order window among 1,000 orders, in two pages").isLessThanOrEqualTo(12);
    ListQuery defaultScope = new ListQuery(A, Set.of(OrderType.DATA, OrderType.RESULT_CHECKER), null, 100, null, query.now.get(), 10_500L, 10_509L);
    assertThat(list(defaultScope).items()).as("the two-type default scope merges two windows").hasSize(10);
  }

  @Test
  void pageSizeIsRespectedAndDoneIsExact() {
    for (int i = 0; i < 20; i++) {
      query.send(view(A, "o" + i, OrderType.DATA, OrderState.PENDING, 1_000 + i, 1));
    }
    PagedRange.Page<JsonSlice> first = list(first(Set.of(), null, 20));
    PagedRange.Page<JsonSlice> tenOnly = list(first(Set.of(), null, 10));

    assertThat(first.items()).hasSize(20);
    assertThat(first.done()).isTrue();
    assertThat(tenOnly.done()).isFalse();
    Set<String> ids = new HashSet<>();
    first.items().forEach(j -> ids.add(id(j)));
    assertThat(ids).hasSize(20);
  }

  /** Counts the index entries a read iterates. */
  private static final class CountingStore implements ReadOnlyKeyValueStore<Bytes, byte[]> {
    final AtomicLong visited = new AtomicLong();
    private final ReadOnlyKeyValueStore<Bytes, byte[]> delegate;

    CountingStore(ReadOnlyKeyValueStore<Bytes, byte[]> delegate) {
      this.delegate = delegate;
    }

    @Override
    public byte[] get(Bytes key) {
      return delegate.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
      KeyValueIterator<Bytes, byte[]> it = delegate.range(from, to);
      return new KeyValueIterator<>() {
        @Override
        public void close() {
          it.close();
        }

        @Override
        public Bytes peekNextKey() {
          return it.peekNextKey();
        }

        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
          visited.incrementAndGet();
          return it.next();
        }
      };
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
      return delegate.all();
    }

    @Override
    public long approximateNumEntries() {
      return delegate.approximateNumEntries();
    }
  }
}
