package io.orderledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the lockstep upstream may step again: every source two committed cycles past the step. */
class LockstepUpstreamTest {

  @Test
  void givenNoAnswerFromThePollerExpectNoStep() {
    assertThat(LockstepUpstream.caughtUp(Map.of(), Map.of())).isFalse();
    assertThat(LockstepUpstream.caughtUp(Map.of("nc-a", 4L), Map.of())).isFalse();
  }

  @Test
  void givenThePollerJustUpExpectTheFirstStepAtOnce() {
    assertThat(LockstepUpstream.caughtUp(Map.of(), Map.of("nc-a", 0L, "ps-b", 3L))).isTrue();
  }

  @Test
  void givenOneCycleSinceTheStepExpectAWaitForTheSecond() {
    // The first cycle counted after the step may have scanned before it.
    assertThat(LockstepUpstream.caughtUp(Map.of("nc-a", 10L, "ps-b", 7L), Map.of("nc-a", 12L, "ps-b", 8L))).isFalse();
    assertThat(LockstepUpstream.caughtUp(Map.of("nc-a", 10L, "ps-b", 7L), Map.of("nc-a", 12L, "ps-b", 9L))).isTrue();
  }

  @Test
  void givenARestartedPollerExpectTwoCyclesOfTheNewProcess() {
    assertThat(LockstepUpstream.caughtUp(Map.of("nc-a", 40L), Map.of("nc-a", 1L))).isFalse();
    assertThat(LockstepUpstream.caughtUp(Map.of("nc-a", 40L), Map.of("nc-a", 2L))).isTrue();
  }

  @Test
  void givenASourceMissingFromTheAnswerExpectNoStep() {
    assertThat(LockstepUpstream.caughtUp(Map.of("nc-a", 1L, "ps-b", 1L), Map.of("nc-a", 5L))).isFalse();
  }
}
