package io.orderledger.poller.detect;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderState;
import io.orderledger.poller.adapter.Observation;
import io.orderledger.poller.adapter.ScanResult;
import io.orderledger.poller.adapter.SourceConfig;
import io.orderledger.poller.adapter.UpstreamReject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a scan into events: an event when an order is new or its fingerprint (state, bulk recipients' states)
 * changed, nothing otherwise. Pure: the same checkpoint and scan give the same events, which is what lets the poller
 * write them and the next checkpoint in one transaction and be sure a retry repeats itself exactly.
 *
 * <p>After a complete scan the window moves on: final orders older than the settle window are forgotten, so both the
 * next scan and the checkpoint stay bounded. After an incomplete one the window stays where it was.
 */
public final class ChangeDetector {

  private final SourceConfig source;

  public ChangeDetector(SourceConfig source) {
    this.source = source;
  }

  /** The events to produce, the rejects to send and the checkpoint that covers them. */
  public record Outcome(List<OrderEvent> events, List<UpstreamReject> rejects, Checkpoint next, boolean checkpointChanged) {
  }

  public Outcome detect(Checkpoint checkpoint, ScanResult scan, long now) {
    Map<String, SeenOrder> known = new HashMap<>(checkpoint.known());
    List<OrderEvent> events = new ArrayList<>();
    long newest = checkpoint.newest();

    for (Observation observation : latestPerOrder(scan.observations())) {
      newest = Math.max(newest, observation.createdAt());
      SeenOrder seen = known.get(observation.orderId());
      if (seen == null && observation.createdAt() < checkpoint.prunedBefore()) {
        continue; // settled and forgotten long ago: not a new order
      }
      String fingerprint = observation.fingerprint();
      if (seen != null && (seen.fingerprint().equals(fingerprint) || isBehind(observation, seen))) {
        continue;
      }
      OrderState previous = seen == null ? null : seen.state();
      events.add(OrderEvent.newBuilder()
          .setEventId(EventIds.of(source.id(), observation.orderId(), fingerprint))
          .setPartnerId(source.partnerId())
          .setOrderId(observation.orderId())
          .setSource(source.id())
          .setPreviousState(previous)
          .setState(observation.snapshot().getState())
          .setOccurredAt(observation.snapshot().getUpdatedAt())
          .setObservedAt(now)
          .setOrder(observation.snapshot())
          .build());
      known.put(observation.orderId(), new SeenOrder(fingerprint, observation.createdAt(), observation.position(),
          observation.snapshot().getUpdatedAt(), seen == null ? null : seen.rejectedHash()));
    }

    List<UpstreamReject> rejects = new ArrayList<>();
    for (UpstreamReject reject : scan.rejects()) {
      if (reject.orderId() == null) {
        rejects.add(reject); // a whole page: always worth reporting
        continue;
      }
      String hash = hash(reject.payload());
      SeenOrder seen = known.get(reject.orderId());
      if (seen != null && hash.equals(seen.rejectedHash())) {
        continue; // this exact payload was rejected before
      }
      rejects.add(reject);
      known.put(reject.orderId(), seen == null
          ? new SeenOrder("", Math.max(newest, checkpoint.windowSince()), -1, now, hash)
          : new SeenOrder(seen.fingerprint(), seen.createdAt(), seen.position(), seen.updatedAt(), hash));
    }

    long windowSince = checkpoint.windowSince();
    long fromPosition = checkpoint.fromPosition();
    long prunedBefore = checkpoint.prunedBefore();
    if (scan.complete() && newest != Long.MIN_VALUE) {
      long cutoff = newest - source.settleWindow().toMillis();
      known.values().removeIf(seen -> seen.createdAt() < cutoff && !seen.isOpen());
      prunedBefore = Math.max(prunedBefore, cutoff);
      windowSince = newest;
      long maxPosition = -1;
      long minPosition = Long.MAX_VALUE;
      for (SeenOrder seen : known.values()) {
        windowSince = Math.min(windowSince, seen.createdAt());
        if (seen.position() >= 0) {
          minPosition = Math.min(minPosition, seen.position());
        }
      }
      for (Observation observation : scan.observations()) {
        maxPosition = Math.max(maxPosition, observation.position());
      }
      fromPosition = minPosition != Long.MAX_VALUE ? minPosition : Math.max(fromPosition, maxPosition + 1);
    }
    Checkpoint next = new Checkpoint(checkpoint.sourceId(), windowSince, fromPosition, prunedBefore, newest, Map.copyOf(known));
    boolean changed = !events.isEmpty() || !rejects.isEmpty() || !next.equals(checkpoint);
    return new Outcome(events, rejects, next, changed);
  }

  /**
   * One observation per order (an order that changed between two pages appears twice): the most advanced one, in
   * creation order so a partner's events keep the order in which the source placed them.
   */
  private static List<Observation> latestPerOrder(List<Observation> observations) {
    Map<String, Observation> latest = new LinkedHashMap<>();
    for (Observation observation : observations) {
      latest.merge(observation.orderId(), observation, (a, b) -> progress(b) >= progress(a) && !isAhead(a, b) ? b : a);
    }
    List<Observation> ordered = new ArrayList<>(latest.values());
    ordered.sort(Comparator.comparingLong(Observation::createdAt).thenComparing(Observation::orderId));
    return ordered;
  }

  private static boolean isAhead(Observation a, Observation b) {
    return a.hasSourceUpdateTime() && a.snapshot().getUpdatedAt() > b.snapshot().getUpdatedAt();
  }

  /** A read of an older copy of the order (a lagging replica upstream): ignored rather than sent as a change backwards. */
  private static boolean isBehind(Observation observation, SeenOrder seen) {
    if (observation.hasSourceUpdateTime() && observation.snapshot().getUpdatedAt() < seen.updatedAt()) {
      return true;
    }
    OrderState previous = seen.state();
    return previous != null && rank(observation.snapshot().getState()) < rank(previous);
  }

  private static int progress(Observation observation) {
    int settledRecipients = 0;
    for (char c : observation.recipientStates().toCharArray()) {
      settledRecipients += c == 'C' || c == 'F' ? 1 : 0;
    }
    return rank(observation.snapshot().getState()) * 10_000 + settledRecipients;
  }

  private static int rank(OrderState state) {
    return switch (state) {
      case PENDING -> 1;
      case PROCESSING -> 2;
      case COMPLETED, FAILED -> 3;
      case REVERSED -> 4;
      case UNKNOWN -> 0;
    };
  }

  static String hash(byte[] payload) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

}
