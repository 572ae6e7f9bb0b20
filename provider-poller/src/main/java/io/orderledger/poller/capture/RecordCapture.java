package io.orderledger.poller.capture;

import io.orderledger.events.RejectReason;
import io.orderledger.events.SourceRecord;
import io.orderledger.poller.checkpoint.Checkpoint;
import io.orderledger.poller.checkpoint.SeenOrder;
import io.orderledger.poller.http.UpstreamFailure;
import io.orderledger.poller.mapping.MappingException;
import io.orderledger.poller.mapping.Observation;
import io.orderledger.poller.mapping.RecordMapper;
import io.orderledger.poller.paging.ListEntry;
import io.orderledger.poller.paging.Listing;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.paging.UnreadableDetail;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.source.UpstreamReject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;

/**
 * Turns a scan's list entries into captured orders. An entry identical to the last scan's (same digest of its bytes)
 * is skipped, and not even parsed: the order has not changed. A new or changed one gets, in this order: the single-order answer merged in when the
 * list lacks fields ({@link SourcePaging#needsDetail}); the source's personal-data fields dropped or hashed; the
 * mapping to the canonical snapshot; and its canonical record and SHA-256, which is what the event keeps, with what the
 * list said wherever the single-order answer disagreed ({@link DetailMerge#listValues}). An open order's single-order
 * answer is also read again on a schedule ({@code detail-refresh}) though its list entry is unchanged.
 */
public final class RecordCapture {

  /**
   * Single-order answers read again per scan for open orders whose list entry is unchanged, at most: each costs a
   * request inside the scan, and a scan that takes longer than the source's tick misses the states in between.
   */
  static final int MAX_REFRESHES_PER_SCAN = 4;

  private final SourceConfig source;
  private final SourcePaging paging;
  private final RecordMapper mapper;
  private final Redactor redactor;
  /** The time a single-order answer arrived: what an order read through one was observed at. */
  private final LongSupplier clock;
  /** When this process last read each watched order's single-order answer; a schedule, not state: lost on restart. */
  private final Map<String, Long> detailReadAt = new HashMap<>();

  /** Every record stamped with the time the caller gives (tests of one scan). */
  public RecordCapture(SourceConfig source, SourcePaging paging, RecordMapper mapper) {
    this(source, paging, mapper, () -> Long.MIN_VALUE);
  }

  /** @param clock the poller's clock, read when a single-order answer has arrived */
  public RecordCapture(SourceConfig source, SourcePaging paging, RecordMapper mapper, LongSupplier clock) {
    this.source = source;
    this.paging = paging;
    this.mapper = mapper;
    this.redactor = new Redactor(source.redaction());
    this.clock = clock;
  }

  public Capture capture(Listing listing, Checkpoint checkpoint, long observedAt) {
    return capture(listing, checkpoint, observedAt, true);
  }

  /** @param wholeWindow false for a scan of the window's young end only: what it did not list is not forgotten */
  public Capture capture(Listing listing, Checkpoint checkpoint, long observedAt, boolean wholeWindow) {
    List<CapturedOrder> orders = new ArrayList<>();
    List<UpstreamReject> rejects = new ArrayList<>();
    int unchanged = 0;
    String incomplete = null;
    int details = 0;
    int refreshes = 0;
    // Which orders the scan listed, to stop refreshing those that left the window: only for a source with single orders.
    java.util.Set<String> listedIds = paging.hasSingleOrders() ? new java.util.HashSet<>() : null;
    for (ListEntry listed : listing.entries()) {
      long digest = listed.digest();
      String nativeId = listed.id();
      SeenOrder seen = nativeId == null ? null : checkpoint.known().get(source.orderId(nativeId));
      if (seen == null || seen.listDigest() != digest) {
        // New or changed (or without an id the scan could read): its tree is built, and the mapper reads its id.
        seen = null;
        try {
          nativeId = mapper.nativeId(listed.tree());
        } catch (MappingException e) {
          // No id to file it under: it is remembered by its digest, so it is reported once, not at every scan.
          rejects.add(new UpstreamReject(e.reason(), e.getMessage(), bytes(redactor.apply(listed.tree()).record()),
              SeenOrder.unidentified(digest)));
          continue;
        }
        seen = checkpoint.known().get(source.orderId(nativeId));
      }
      String orderId = source.orderId(nativeId);
      if (listedIds != null) {
        listedIds.add(orderId);
      }
      boolean refresh = false;
      if (seen != null && seen.listDigest() == digest) {
        refresh = refreshes < MAX_REFRESHES_PER_SCAN && isRefreshDue(seen, orderId, listed, observedAt);
        if (!refresh) {
          unchanged++;
          continue;
        }
        refreshes++;
      }
      JsonNode entry = listed.tree();
      JsonNode record = entry;
      boolean merged = false;
      // A record is as of the last read it holds: the scan's, or the single-order answer's, which can show a change
      // the source made after the list was read (and wins where they disagree). Stamped with the scan's time, a
      // Paystack order completed between the two reads was recorded as completed up to a cycle before it was
      // (the freshness benchmark, 2026-12-05: the API showed it with an updatedAt 88 ms before the completion).
      long readAt = observedAt;
      if (paging.needsDetail(entry)) {
        try {
          details++;
          record = DetailMerge.merge(entry, paging.detail(nativeId));
          readAt = Math.max(observedAt, clock.getAsLong());
          detailReadAt.put(orderId, observedAt);
          merged = true;
        } catch (UpstreamFailure failure) {
          if (!refresh) {
            incomplete = incomplete != null ? incomplete
                : "the single order " + nativeId + " failed: " + failure.kind().tag() + " (" + failure.getMessage() + ")";
          } // a refresh that failed is tried again at the next scan; the order's list entry has not changed
          continue;
        } catch (UnreadableDetail unreadable) {
          rejects.add(new UpstreamReject(RejectReason.UPSTREAM_MALFORMED_PAYLOAD, unreadable.getMessage(), redactor.body(unreadable.body()),
              orderId));
          continue;
        }
      }
      Redactor.Redacted redacted = redactor.apply(record);
      Observation observation;
      try {
        observation = mapper.map(redacted.record(), readAt);
      } catch (MappingException e) {
        rejects.add(new UpstreamReject(e.reason(), e.getMessage() + " (order " + nativeId + ")", bytes(redacted.record()), orderId));
        continue;
      }
      Map<String, String> listValues = merged ? DetailMerge.listValues(redactor.apply(entry).record(), redacted.record()) : Map.of();
      if (refresh && observation.snapshot().getState() != seen.state()) {
        // The single order already shows a new state its list entry does not (yet): the list shows it at a coming scan,
        // with whatever else changed with it, as the one change it is. A refresh is for what only the single order
        // shows inside a state (a provider reference, the payment fields).
        unchanged++;
        continue;
      }
      orders.add(new CapturedOrder(observation, digest, sourceRecord(observation, redacted, listValues)));
    }
    if (wholeWindow && listedIds != null) {
      detailReadAt.keySet().retainAll(listedIds); // orders that left the window are not read again
    }
    List<UpstreamReject> pages = listing.rejects().stream()
        .map(page -> new UpstreamReject(page.reason(), page.detail(), redactor.body(page.payload()), page.orderId())).toList();
    return new Capture(orders, rejects, unchanged, incomplete, details, pages);
  }

  /**
   * An open order whose list entry has not changed but whose single-order answer was last read longer ago than the
   * source's detail refresh: read again, since some changes only the single order shows (a provider reference, the
   * payment fields). Bounded per scan so a window of many open orders cannot spend the source's request budget.
   */
  private boolean isRefreshDue(SeenOrder seen, String orderId, ListEntry entry, long now) {
    if (!seen.isOpen() || source.detailRefresh().isZero() || !paging.hasSingleOrders()) {
      return false;
    }
    Long readAt = detailReadAt.putIfAbsent(orderId, now);
    if (readAt == null || now - readAt < source.detailRefresh().toMillis()) {
      // Not read by this process yet (it has just started): due one refresh period from now, not all at once now.
      return false;
    }
    if (!paging.needsDetail(entry.tree())) {
      detailReadAt.put(orderId, now); // its list shows everything: looked at again one period from now, not every scan
      return false;
    }
    return true;
  }

  private SourceRecord sourceRecord(Observation observation, Redactor.Redacted redacted, Map<String, String> listValues) {
    String json = CanonicalJson.of(redacted.record());
    return SourceRecord.newBuilder()
        .setSystem(source.kind().system())
        .setNativeId(observation.nativeId())
        .setNativeStatus(observation.nativeStatus())
        .setSourceUpdatedAt(observation.sourceUpdatedAt())
        .setJson(json)
        .setSha256(Sha256.hex(json))
        .setRedactedFields(redacted.paths())
        .setListValues(listValues.isEmpty() ? null : Map.copyOf(listValues))
        .build();
  }

  private static byte[] bytes(JsonNode record) {
    return CanonicalJson.of(record).getBytes(StandardCharsets.UTF_8);
  }
}
