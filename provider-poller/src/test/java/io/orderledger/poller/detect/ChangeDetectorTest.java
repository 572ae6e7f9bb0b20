package io.orderledger.poller.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.RejectReason;
import io.orderledger.poller.adapter.ApiShape;
import io.orderledger.poller.adapter.Observation;
import io.orderledger.poller.adapter.ScanResult;
import io.orderledger.poller.adapter.SourceConfig;
import io.orderledger.poller.adapter.UpstreamReject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {

  private static final SourceConfig SOURCE = new SourceConfig("nc", ApiShape.NETCONNECT, URI.create("http://127.0.0.1:1"),
      "partner-a", "k", null, 100, Duration.ofSeconds(10));
  private final ChangeDetector detector = new ChangeDetector(SOURCE);

  private static Observation order(String id, OrderState state, long createdAt, long updatedAt) {
    return new Observation(id, createdAt, -1, OrderSnapshot.newBuilder().setOrderId(id).setCreatedAt(createdAt).setUpdatedAt(updatedAt)
        .setAmountMinor(425L).setCurrency("GHS").setState(state).setOrderType(OrderType.DATA).build(), "", true);
  }

  private static ScanResult complete(Observation... observations) {
    return new ScanResult(List.of(observations), List.of(), null, 1);
  }

  @Test
  void aNewOrderIsAnEventAndSeeingItAgainIsNothing() {
    ChangeDetector.Outcome first = detector.detect(Checkpoint.initial("nc"), complete(order("o1", OrderState.PENDING, 1_000, 1_000)), 5);
    assertThat(first.events()).extracting(OrderEvent::getEventId).containsExactly("nc/o1/PENDING");
    assertThat(first.events().get(0).getPreviousState()).isNull();

    ChangeDetector.Outcome again = detector.detect(first.next(), complete(order("o1", OrderState.PENDING, 1_000, 1_000)), 6);
    assertThat(again.events()).isEmpty();
    assertThat(again.checkpointChanged()).isFalse();
  }

  @Test
  void aChangeCarriesThePreviousObservedStateAndAStaleCopyIsIgnored() {
    Checkpoint seen = detector.detect(Checkpoint.initial("nc"), complete(order("o1", OrderState.PENDING, 1_000, 1_000)), 5).next();
    ChangeDetector.Outcome completed = detector.detect(seen, complete(order("o1", OrderState.COMPLETED, 1_000, 2_000)), 6);
    assertThat(completed.events()).singleElement().satisfies(event -> {
      assertThat(event.getPreviousState()).isEqualTo(OrderState.PENDING);
      assertThat(event.getState()).isEqualTo(OrderState.COMPLETED);
      assertThat(event.getOccurredAt()).isEqualTo(2_000);
    });
    assertThat(detector.detect(completed.next(), complete(order("o1", OrderState.PROCESSING, 1_000, 1_500)), 7).events())
        .as("a lagging copy of the order does not move it backwards").isEmpty();
  }

  @Test
  void settledOrdersLeaveTheWindowAndAreNotNewWhenSeenAgain() {
    Checkpoint checkpoint = detector.detect(Checkpoint.initial("nc"), complete(
        order("old", OrderState.COMPLETED, 1_000, 1_000), order("stuck", OrderState.PENDING, 1_500, 1_500)), 5).next();
    ChangeDetector.Outcome later = detector.detect(checkpoint, complete(order("new", OrderState.PENDING, 20_000, 20_000)), 6);

    assertThat(later.next().known()).containsOnlyKeys("stuck", "new");
    assertThat(later.next().window().since()).as("an open order keeps the window open").isEqualTo(1_500);
    assertThat(detector.detect(later.next(), complete(order("old", OrderState.COMPLETED, 1_000, 1_000)), 7).events()).isEmpty();
  }

  @Test
  void anIncompleteScanEmitsWhatItSawButDoesNotMoveTheWindow() {
    Checkpoint checkpoint = detector.detect(Checkpoint.initial("nc"), complete(order("a", OrderState.COMPLETED, 1_000, 1_000)), 5).next();
    ScanResult partial = new ScanResult(List.of(order("b", OrderState.PENDING, 50_000, 50_000)), List.of(), "page 2 failed", 1);

    ChangeDetector.Outcome outcome = detector.detect(checkpoint, partial, 6);

    assertThat(outcome.events()).extracting(OrderEvent::getOrderId).containsExactly("b");
    assertThat(outcome.next().window()).isEqualTo(checkpoint.window());
    assertThat(outcome.next().known()).containsKeys("a", "b");
  }

  @Test
  void aBadPayloadIsRejectedOnceUntilItChanges() {
    UpstreamReject bad = new UpstreamReject(RejectReason.UPSTREAM_UNKNOWN_STATUS, "unknown state", "{\"state\":\"x\"}".getBytes(), "o9");
    ScanResult scan = new ScanResult(List.of(), List.of(bad), null, 1);
    ChangeDetector.Outcome first = detector.detect(Checkpoint.initial("nc"), scan, 5);
    assertThat(first.rejects()).hasSize(1);
    assertThat(detector.detect(first.next(), scan, 6).rejects()).isEmpty();
    UpstreamReject changed = new UpstreamReject(RejectReason.UPSTREAM_UNKNOWN_STATUS, "unknown state", "{\"state\":\"y\"}".getBytes(), "o9");
    assertThat(detector.detect(first.next(), new ScanResult(List.of(), List.of(changed), null, 1), 7).rejects()).hasSize(1);
  }

  @Test
  void checkpointsSurviveTheirEncoding() {
    Checkpoint checkpoint = detector.detect(Checkpoint.initial("nc"), complete(order("o1", OrderState.PENDING, 1_000, 1_000)), 5).next();
    assertThat(CheckpointCodec.decode(CheckpointCodec.encode(checkpoint))).isEqualTo(checkpoint);
  }
}
