package io.orderledger.poller.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderledger.events.OrderState;
import io.orderledger.poller.paging.ListDirection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {

  @Test
  void aCheckpointSurvivesItsEncoding() {
    Checkpoint checkpoint = new Checkpoint("gc", 1_000, 500, 2_000, ListDirection.OLDEST_FIRST, "7", Map.of(
        "gc:1", new SeenOrder(3, OrderState.PROCESSING, -42L, "ab".repeat(32), "AAAB", 1_000, 1_900, null, null),
        "gc:2", SeenOrder.rejected(1_500, 1_600, "00ff")));

    assertThat(CheckpointCodec.decode(CheckpointCodec.encode(checkpoint))).isEqualTo(checkpoint);
  }

  @Test
  void aFirstFormatCheckpointIsStillReadSoAnUpgradedPollerResumes() {
    String v1 = "{\"v\":1,\"source\":\"nc\",\"windowSince\":1000,\"fromPosition\":0,\"prunedBefore\":10,\"newest\":2000,"
        + "\"known\":[[\"o1\",\"PROCESSING:RC\",1000,-1,1500,null],[\"o2\",\"\",1200,-1,1300,\"abc\"]]}";

    Checkpoint checkpoint = CheckpointCodec.decode(v1.getBytes(StandardCharsets.UTF_8));

    assertThat(checkpoint.window().since()).isEqualTo(1_000);
    assertThat(checkpoint.known().get("o1").state()).isEqualTo(OrderState.PROCESSING);
    assertThat(checkpoint.known().get("o1").legacyFingerprint()).isEqualTo("PROCESSING:RC");
    assertThat(checkpoint.known().get("o2").state()).isNull();
    assertThat(checkpoint.known().get("o2").rejectedHash()).isEqualTo("abc");
  }

  @Test
  void anUnknownFormatIsRefusedRatherThanIngestingEverythingAgain() {
    assertThatThrownBy(() -> CheckpointCodec.decode("{\"v\":9}".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("version");
  }

  @Test
  void changesSinceAWholeCheckpointAppliedToItGiveTheNextOneAndNameTheirBase() {
    SeenOrder open = new SeenOrder(1, OrderState.PROCESSING, 7L, "ab".repeat(32), "AAAB", 1_000, 1_100, null, null);
    Checkpoint whole = new Checkpoint("gc", 1_000, 500, 2_000, ListDirection.NEWEST_FIRST, null,
        Map.of("gc:1", open, "gc:2", open, "gc:3", open));
    Checkpoint next = new Checkpoint("gc", 1_500, 900, 2_600, ListDirection.NEWEST_FIRST, null, Map.of(
        "gc:1", open,
        "gc:2", new SeenOrder(2, OrderState.COMPLETED, 8L, "cd".repeat(32), "AAAC", 1_000, 2_500, null, null),
        "gc:4", open));

    CheckpointCodec.Stored stored = CheckpointCodec.decodeStored(CheckpointCodec.encode(whole, "w1"));
    CheckpointCodec.Stored changes = CheckpointCodec.decodeStored(CheckpointCodec.encodeChanges(next, whole, "w1", 1));

    assertThat(stored.id()).isEqualTo("w1");
    assertThat(changes.checkpoint().known()).containsOnlyKeys("gc:2", "gc:4"); // gc:1 unchanged is not written again
    assertThat(changes.removed()).containsExactly("gc:3");
    assertThat(changes.changes("w1")).isTrue();
    assertThat(changes.changes("w0")).isFalse();
    assertThat(changes.seq()).isEqualTo(1);
    assertThat(changes.appliedTo(stored.checkpoint())).isEqualTo(next);
  }

  @Test
  void eachCycleWritesOnlyItsOwnChangesAndAReplayAppliesThemInOrder() {
    Checkpoint whole = checkpoint(1_000, Map.of("gc:1", seen(1, OrderState.PENDING), "gc:2", seen(1, OrderState.PENDING)));
    Checkpoint first = checkpoint(1_100, Map.of("gc:1", seen(2, OrderState.PROCESSING), "gc:2", seen(1, OrderState.PENDING)));
    Checkpoint second = checkpoint(1_200, Map.of("gc:1", seen(3, OrderState.COMPLETED), "gc:3", seen(1, OrderState.PENDING)));
    CheckpointCodec.Stored stored = CheckpointCodec.decodeStored(CheckpointCodec.encode(whole, "w1"));
    CheckpointCodec.Stored one = CheckpointCodec.decodeStored(CheckpointCodec.encodeChanges(first, whole, "w1", 1));
    CheckpointCodec.Stored two = CheckpointCodec.decodeStored(CheckpointCodec.encodeChanges(second, first, "w1", 2));

    assertThat(one.checkpoint().known()).containsOnlyKeys("gc:1");
    assertThat(two.checkpoint().known()).containsOnlyKeys("gc:1", "gc:3"); // not the first cycle's changes again
    assertThat(two.removed()).containsExactly("gc:2");
    assertThat(CheckpointCodec.replay(stored, List.of(two, one))).isEqualTo(second); // read in any order, applied by seq
  }

  @Test
  void aReplayIgnoresChangesToAnotherWholeCheckpointAndStopsAtAGap() {
    Checkpoint whole = checkpoint(1_000, Map.of("gc:1", seen(1, OrderState.PENDING)));
    Checkpoint first = checkpoint(1_100, Map.of("gc:1", seen(2, OrderState.PROCESSING)));
    Checkpoint third = checkpoint(1_300, Map.of("gc:1", seen(4, OrderState.REVERSED)));
    CheckpointCodec.Stored stored = CheckpointCodec.decodeStored(CheckpointCodec.encode(whole, "w2"));
    CheckpointCodec.Stored one = CheckpointCodec.decodeStored(CheckpointCodec.encodeChanges(first, whole, "w2", 1));
    CheckpointCodec.Stored stale = CheckpointCodec.decodeStored(CheckpointCodec.encodeChanges(third, whole, "w1", 2));
    CheckpointCodec.Stored afterGap = CheckpointCodec.decodeStored(CheckpointCodec.encodeChanges(third, first, "w2", 3));

    assertThat(CheckpointCodec.replay(stored, List.of(one, stale, afterGap))).isEqualTo(first);
    assertThat(CheckpointCodec.replay(stored, List.of(stale))).isEqualTo(whole);
  }

  @Test
  void theCumulativeChangesRecordOfAnOlderPollerIsStillApplied() {
    Checkpoint whole = checkpoint(1_000, Map.of("gc:1", seen(1, OrderState.PENDING)));
    Checkpoint next = checkpoint(1_200, Map.of("gc:1", seen(3, OrderState.COMPLETED)));
    String older = new String(CheckpointCodec.encodeChanges(next, whole, "w1", 1), StandardCharsets.UTF_8).replace(",\"seq\":1", "");
    CheckpointCodec.Stored cumulative = CheckpointCodec.decodeStored(older.getBytes(StandardCharsets.UTF_8));

    assertThat(cumulative.seq()).isZero();
    assertThat(CheckpointCodec.replay(CheckpointCodec.decodeStored(CheckpointCodec.encode(whole, "w1")), List.of(cumulative))).isEqualTo(next);
  }

  private static Checkpoint checkpoint(long newest, Map<String, SeenOrder> known) {
    return new Checkpoint("gc", 500, 100, newest, ListDirection.NEWEST_FIRST, null, known);
  }

  private static SeenOrder seen(int revision, OrderState state) {
    return new SeenOrder(revision, state, revision, "ab".repeat(32), "AAAB", 500, 500 + revision, null, null);
  }
}
