package io.orderledger.poller.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderledger.events.OrderState;
import io.orderledger.poller.paging.ListDirection;
import java.nio.charset.StandardCharsets;
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
}
