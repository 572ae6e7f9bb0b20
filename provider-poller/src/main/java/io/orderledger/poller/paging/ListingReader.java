package io.orderledger.poller.paging;

import io.orderledger.events.RejectReason;
import io.orderledger.poller.http.UpstreamFailure;
import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.http.UpstreamResponse;
import io.orderledger.poller.source.UpstreamJson;
import io.orderledger.poller.source.UpstreamReject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * One scan in progress, for any paging: fetches and parses pages through the source's client, keeps the entries,
 * watches the order in which they come, and keeps score (malformed pages, repeated pages, failures).
 */
public final class ListingReader {

  /** What a page held: its first and its oldest order's creation time ({@code Long.MAX_VALUE} when empty). */
  public record PageStats(long first, long oldest) {
    public boolean isEmpty() {
      return oldest == Long.MAX_VALUE;
    }
  }

  private final UpstreamHttp http;
  private final EntryKeys keys;
  private final long since;
  private final List<ListEntry> entries = new ArrayList<>();
  private final List<UpstreamReject> rejects = new ArrayList<>();
  private final List<PageMark> marks = new ArrayList<>();
  private Set<String> seen = new HashSet<>();
  private ListDirection direction = ListDirection.UNKNOWN;
  private boolean unsorted;
  private Long lastCreatedAt;
  private String incomplete;
  private int pages;
  private UpstreamResponse lastResponse;
  private UpstreamFailure lastFailure;

  /**
   * @param keys where the source's entries keep their id and creation time (an entry without them is kept, and is
   *     mapped, and rejected, later)
   * @param window the scan's window: entries created before it are settled and forgotten, and are not kept (a page
   *     read to reach the window's start holds some; keeping them would cost a capture, and for some shapes a
   *     single-order call, per entry per scan, to learn again that they are done)
   */
  public ListingReader(UpstreamHttp http, EntryKeys keys, ScanWindow window) {
    this.http = http;
    this.keys = keys;
    this.since = window.since();
  }

  /**
   * Fetches and reads one page; null when the scan must stop here (the reason is recorded).
   *
   * @param ordersPath the members that lead to the page's array of orders; none when the page is the array
   */
  public ListedPage fetch(URI uri, Map<String, String> headers, boolean notFoundIsEmpty, String... ordersPath) {
    UpstreamResponse response;
    try {
      response = http.get(uri, headers, notFoundIsEmpty);
    } catch (UpstreamFailure failure) {
      lastFailure = failure;
      stop("page " + (pages + 1) + " failed: " + failure.kind().tag() + " (" + failure.getMessage() + ")");
      return null;
    }
    pages++;
    lastResponse = response;
    if (response.status() == 404) {
      return new ListedPage(UpstreamJson.MAPPER.createArrayNode(), List.of());
    }
    try {
      return PageReader.read(response.body(), List.of(ordersPath), keys);
    } catch (JacksonException e) {
      rejectPage("page " + pages + " from " + uri + " is not valid JSON: " + e.getOriginalMessage());
      return null;
    }
  }

  /** The last fetch failed with a client error (a 4xx such as an expired cursor), not with trouble upstream. */
  public boolean failedOnTheRequest() {
    return incomplete != null && lastFailure != null && lastFailure.kind() == UpstreamFailure.Kind.CLIENT_ERROR;
  }

  /** The page is not what the API promises: it goes to the rejects topic whole, and the scan stops. */
  public void rejectPage(String detail) {
    rejects.add(new UpstreamReject(RejectReason.UPSTREAM_MALFORMED_PAYLOAD, detail, lastResponse.body(), null));
    stop(detail);
  }

  public UpstreamResponse lastResponse() {
    return lastResponse;
  }

  public boolean stopped() {
    return incomplete != null;
  }

  public void stop(String reason) {
    if (incomplete == null) {
      incomplete = reason;
    }
  }

  /**
   * Starts reading again from the top of the listing (a resume point turned out not to be one): what was read is kept,
   * but neither a page read again nor the order it was read in counts against the scan.
   */
  public void restart() {
    incomplete = null;
    lastFailure = null;
    seen = new HashSet<>();
    lastCreatedAt = null;
    direction = ListDirection.UNKNOWN;
    unsorted = false;
    marks.clear();
  }

  public ListDirection direction() {
    return unsorted ? ListDirection.UNKNOWN : direction;
  }

  /**
   * Keeps a page's entries. A page whose every order was read already in this scan is a repeat: the page it stood in
   * for was missed, so the scan is incomplete.
   *
   * @param token the request token that fetched the page: a cursor or a page number, null for the first page
   */
  public PageStats addPage(List<ListEntry> orders, String token) {
    int fresh = 0;
    long first = Long.MAX_VALUE;
    long oldest = Long.MAX_VALUE;
    for (ListEntry order : orders) {
      String id = order.id();
      if (id == null || seen.add(id)) {
        fresh++;
      }
      Long createdAt = order.createdAt();
      if (createdAt == null || createdAt >= since) {
        entries.add(order); // one whose creation time cannot be read is kept: the mapper rejects it with its reason
      }
      if (createdAt != null) {
        first = first == Long.MAX_VALUE ? createdAt : first;
        oldest = Math.min(oldest, createdAt);
        watch(createdAt);
      }
    }
    if (first != Long.MAX_VALUE) {
      marks.add(new PageMark(token, first));
    }
    if (!orders.isEmpty() && fresh == 0) {
      stop("page " + pages + " repeated orders already read in this scan");
    }
    return new PageStats(first, oldest);
  }

  /** The listing's direction is the first change of creation time; a later change the other way means it is not sorted. */
  private void watch(long createdAt) {
    if (lastCreatedAt != null) {
      ListDirection step = ListDirection.of(lastCreatedAt, createdAt);
      if (direction == ListDirection.UNKNOWN) {
        direction = step;
      } else if (step != ListDirection.UNKNOWN && step != direction) {
        unsorted = true;
      }
    }
    lastCreatedAt = createdAt;
  }

  public Listing build() {
    return new Listing(List.copyOf(entries), List.copyOf(rejects), incomplete, pages, direction(), List.copyOf(marks));
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
