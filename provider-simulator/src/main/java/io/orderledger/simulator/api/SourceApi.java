package io.orderledger.simulator.api;

import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimOrder;
import io.orderledger.simulator.world.ListOrder;
import io.orderledger.simulator.world.SimSource;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One upstream API shape: authenticates a request and renders the world's orders the way that API does. */
public abstract class SourceApi {

  protected static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Answers a request inside a consistent read of the world.
   *
   * @param pageFault changes which orders a listing page holds (duplicated or reordered pages); identity when off
   */
  public abstract ApiReply handle(ProviderWorld.View world, SimSource source, ApiRequest request, PageFault pageFault);

  /** Whether {@code path} is the API's listing (where page faults and malformed pages are served), not a single order. */
  public abstract boolean isListing(String path);

  /**
   * The orders created in {@code [from, to]}, as a view of the source's creation-ordered list: two binary searches,
   * so a page costs the same whatever the history's length.
   */
  protected static List<SimOrder> createdBetween(List<SimOrder> orders, long from, long to) {
    return orders.subList(firstCreatedAtOrAfter(orders, from), to == Long.MAX_VALUE ? orders.size() : firstCreatedAtOrAfter(orders, to + 1));
  }

  private static int firstCreatedAtOrAfter(List<SimOrder> orders, long from) {
    int low = 0;
    int high = orders.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (orders.get(mid).createdAt() < from) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** The source's orders in the order its listing returns them: a view, so it costs nothing whatever the history. */
  protected static List<SimOrder> inListOrder(List<SimOrder> oldestFirst, SimSource source) {
    if (source.listOrder() == ListOrder.OLDEST_FIRST) {
      return oldestFirst;
    }
    return new java.util.AbstractList<>() {
      @Override
      public SimOrder get(int index) {
        return oldestFirst.get(oldestFirst.size() - 1 - index);
      }

      @Override
      public int size() {
        return oldestFirst.size();
      }
    };
  }

  /** The simulated currencies all have two decimals, so minor units are the amount × 100. */
  protected static BigDecimal major(long minor) {
    return BigDecimal.valueOf(minor, 2);
  }

  protected static ApiReply reply(int status, ObjectNode body) {
    return ApiReply.json(status, JSON.writeValueAsBytes(body));
  }

  protected static ApiReply reply(int status, Object body) {
    return ApiReply.json(status, JSON.writeValueAsBytes(body));
  }

  /** Rearranges a page: a duplicated page is the previous page again; a reordered one is shuffled. */
  public interface PageFault {
    PageFault NONE = (page, previousPage) -> page;

    /** @param previousPage computes the page before this one (empty for the first), only when needed */
    List<SimOrder> apply(List<SimOrder> page, Supplier<List<SimOrder>> previousPage);
  }
}
