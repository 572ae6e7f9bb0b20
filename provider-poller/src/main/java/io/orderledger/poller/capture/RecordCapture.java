package io.orderledger.poller.capture;

import io.orderledger.events.RejectReason;
import io.orderledger.events.SourceRecord;
import io.orderledger.poller.checkpoint.Checkpoint;
import io.orderledger.poller.checkpoint.SeenOrder;
import io.orderledger.poller.http.UpstreamFailure;
import io.orderledger.poller.mapping.MappingException;
import io.orderledger.poller.mapping.Observation;
import io.orderledger.poller.mapping.RecordMapper;
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
import tools.jackson.databind.JsonNode;

/**
 * Turns a scan's list entries into captured orders. An entry identical to the last scan's (same digest) is skipped:
 * the order has not changed. A new or changed one gets, in this order: the single-order answer merged in when the
 * list lacks fields ({@link SourcePaging#needsDetail}); the source's personal-data fields dropped or hashed; the
 * mapping to the canonical snapshot; and its canonical record and SHA-256, which is what the event keeps.
 */
public final class RecordCapture {

  private final SourceConfig source;
  private final SourcePaging paging;
  private final RecordMapper mapper;
  private final Redactor redactor;

  public RecordCapture(SourceConfig source, SourcePaging paging, RecordMapper mapper) {
    this.source = source;
    this.paging = paging;
    this.mapper = mapper;
    this.redactor = new Redactor(source.redaction());
  }

  public Capture capture(Listing listing, Checkpoint checkpoint, long observedAt) {
    List<CapturedOrder> orders = new ArrayList<>();
    List<UpstreamReject> rejects = new ArrayList<>();
    Map<String, Long> unchanged = new HashMap<>();
    String incomplete = null;
    int details = 0;
    for (JsonNode entry : listing.entries()) {
      long digest = JsonDigest.of(entry);
      String nativeId;
      try {
        nativeId = mapper.nativeId(entry);
      } catch (MappingException e) {
        // No id to file it under: it is remembered by its digest, so it is reported once, not at every scan.
        rejects.add(new UpstreamReject(e.reason(), e.getMessage(), bytes(redactor.apply(entry).record()),
            SeenOrder.unidentified(digest)));
        continue;
      }
      String orderId = source.orderId(nativeId);
      SeenOrder seen = checkpoint.known().get(orderId);
      if (seen != null && seen.listDigest() == digest) {
        unchanged.put(orderId, digest);
        continue;
      }
      JsonNode record = entry;
      if (paging.needsDetail(entry)) {
        try {
          details++;
          record = DetailMerge.merge(entry, paging.detail(nativeId));
        } catch (UpstreamFailure failure) {
          incomplete = incomplete != null ? incomplete
              : "the single order " + nativeId + " failed: " + failure.kind().tag() + " (" + failure.getMessage() + ")";
          continue;
        } catch (UnreadableDetail unreadable) {
          rejects.add(new UpstreamReject(RejectReason.UPSTREAM_MALFORMED_PAYLOAD, unreadable.getMessage(), unreadable.body(), orderId));
          continue;
        }
      }
      Redactor.Redacted redacted = redactor.apply(record);
      Observation observation;
      try {
        observation = mapper.map(redacted.record(), observedAt);
      } catch (MappingException e) {
        rejects.add(new UpstreamReject(e.reason(), e.getMessage() + " (order " + nativeId + ")", bytes(redacted.record()), orderId));
        continue;
      }
      orders.add(new CapturedOrder(observation, digest, sourceRecord(observation, redacted)));
    }
    return new Capture(orders, rejects, unchanged, incomplete, details);
  }

  private SourceRecord sourceRecord(Observation observation, Redactor.Redacted redacted) {
    String json = CanonicalJson.of(redacted.record());
    return SourceRecord.newBuilder()
        .setSystem(source.shape().system())
        .setNativeId(observation.nativeId())
        .setNativeStatus(observation.nativeStatus())
        .setSourceUpdatedAt(observation.sourceUpdatedAt())
        .setJson(json)
        .setSha256(Sha256.hex(json))
        .setRedactedFields(redacted.paths())
        .build();
  }

  private static byte[] bytes(JsonNode record) {
    return CanonicalJson.of(record).getBytes(StandardCharsets.UTF_8);
  }
}
