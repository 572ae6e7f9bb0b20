package io.orderledger.events.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.progress.ProgressTracker.Sample;
import io.orderledger.events.progress.ProgressTracker.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {

  private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
  private final ProgressTracker tracker = new ProgressTracker(Duration.ofSeconds(30));

  private Verdict at(long seconds, Sample sample) {
    return tracker.observe(T0.plusSeconds(seconds), sample);
  }

  @Test
  void aBlockerIsWaitedOutForTheBoundThenNamedAndClearedAtOnce() {
    assertThat(at(0, new Sample(List.of(), 0, 100)).progressing()).isTrue();
    List<String> isr = List.of("order-views-3 has 1 in-sync replica(s), fewer than min.insync.replicas 2: no write commits there");
    Verdict early = at(10, new Sample(isr, -1, -1));
    assertThat(early.progressing()).isTrue();
    assertThat(early.reason()).contains("order-views-3").contains("for 0 s");
    Verdict down = at(41, new Sample(isr, -1, -1));
    assertThat(down.progressing()).isFalse();
    assertThat(down.reason()).contains("order-views-3 has 1 in-sync replica").contains("for 31 s");
    assertThat(at(42, new Sample(List.of(), 0, 100)).progressing()).isTrue();
  }

  @Test
  void recordsWaitingWhileNothingIsCommittedIsAStallAndACommitEndsIt() {
    at(0, new Sample(List.of(), 0, 100));
    assertThat(at(20, new Sample(List.of(), 50, 100)).progressing()).isTrue();
    Verdict stalled = at(31, new Sample(List.of(), 80, 100));
    assertThat(stalled.progressing()).isFalse();
    assertThat(stalled.reason()).isEqualTo("80 records wait on the inputs and nothing was committed for 31 s");
    assertThat(stalled.dataAge()).isEqualTo(Duration.ofSeconds(31));
    Verdict moving = at(32, new Sample(List.of(), 70, 110));
    assertThat(moving.progressing()).isTrue();
    assertThat(moving.dataAge()).as("still behind: the data is as old as the last time it had read everything").isEqualTo(Duration.ofSeconds(32));
    assertThat(at(33, new Sample(List.of(), 0, 180)).dataAge()).isZero();
  }

  @Test
  void aBusyApplicationThatReadsPastEachLooksEndsHasDataAtMostOneLookOld() {
    at(0, new Sample(List.of(), 0, 100));
    // Steady load: never a look with lag zero, but each look finds everything committed at the last one read.
    for (int second = 2; second <= 60; second += 2) {
      Verdict busy = at(second, new Sample(List.of(), 40, 100L + 50 * second, true));
      assertThat(busy.dataAge()).as("at %d s", second).isEqualTo(Duration.ofSeconds(2));
    }
    // Falling behind: the last look's ends are not all read any more; the age grows from the last time they were.
    assertThat(at(62, new Sample(List.of(), 900, 3_200, false)).dataAge()).isEqualTo(Duration.ofSeconds(4));
    assertThat(at(64, new Sample(List.of(), 1_800, 3_300, false)).dataAge()).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void aBusyApplicationThatKeepsCommittingIsProgressingHoweverFarBehind() {
    for (int second = 0; second <= 120; second += 2) {
      assertThat(at(second, new Sample(List.of(), 10_000, 100L * second)).progressing()).isTrue();
    }
  }

  @Test
  void anIdleApplicationWithNothingToReadIsProgressing() {
    for (int second = 0; second <= 120; second += 10) {
      assertThat(at(second, new Sample(List.of(), 0, 100)).progressing()).isTrue();
    }
  }

  @Test
  void anUnreachableClusterIsABlockerWithItsCause() {
    at(0, new Sample(List.of(), 0, 100));
    at(1, Sample.unreachable("TimeoutException: Timed out waiting for a node assignment"));
    Verdict down = at(40, Sample.unreachable("TimeoutException: Timed out waiting for a node assignment"));
    assertThat(down.progressing()).isFalse();
    assertThat(down.reason()).startsWith("cannot reach Kafka: TimeoutException");
    assertThat(down.dataAge()).isEqualTo(Duration.ofSeconds(40));
  }
}
