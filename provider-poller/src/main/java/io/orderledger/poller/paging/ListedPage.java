package io.orderledger.poller.paging;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A listed page, read in one pass: its orders as entries (not yet parsed into trees), and the rest of the page (the
 * cursor, the page count, the success flag) as a tree without them.
 *
 * @param rest the page with the orders' member left out (for a page that is itself the array: an empty array)
 * @param entries the orders, or null when the page has no array where its API promises one
 */
public record ListedPage(JsonNode rest, List<ListEntry> entries) {

  public boolean hasEntries() {
    return entries != null;
  }
}
