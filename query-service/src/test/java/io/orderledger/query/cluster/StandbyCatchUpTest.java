package io.orderledger.query.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandbyCatchUpTest {

  private static final Duration POLL = Duration.ofMillis(5);

  /**
   * Two stores, partitions 0 (active here) and 3 (a standby here); each read of the positions first moves each
   * changelog's end on by {@code written} and each standby position by {@code step} (up to the end).
   */
  private static final class MovingCopies implements StandbyCatchUp.Positions {
    final Map<String, long[]> standby = new HashMap<>(Map.of("orders", new long[] {100, 130}, "journal", new long[] {40, 40}));
    long step;
    long written;
    int reads;
    boolean failing;

    @Override
    public Map<String, Map<Integer, StandbyCatchUp.Position>> lags() {
      if (failing) {
        throw new IllegalStateException("KafkaStreams is not running. State is PENDING_SHUTDOWN.");
      }
      reads++;
      Map<String, Map<Integer, StandbyCatchUp.Position>> lags = new HashMap<>();
      standby.forEach((store, positionAndEnd) -> {
        positionAndEnd[1] += written;
        positionAndEnd[0] = Math.min(positionAndEnd[1], positionAndEnd[0] + step);
        lags.put(store, Map.of(0, new StandbyCatchUp.Position(500, 500), 3, new StandbyCatchUp.Position(positionAndEnd[0], positionAndEnd[1])));
      });
      return lags;
    }

    @Override
    public Set<Integer> standbyPartitions() {
      return Set.of(3);
    }
  }

  private final MovingCopies copies = new MovingCopies();
  private final StandbyCatchUp catchUp = new StandbyCatchUp(copies, System::nanoTime, POLL, false, Duration.ofMinutes(1));

  @Test
  void aStandbyAtItsChangelogsEndAnswersAtOnce() {
    copies.standby.get("orders")[0] = 130;

    assertThat(catchUp.awaitCaughtUp(3, Duration.ofSeconds(1))).isTrue();
    assertThat(copies.reads).isEqualTo(1);
  }

  @Test
  void aStandbyBehindAnswersOnceItHasReachedTheEndReadAfterTheRequestArrived() {
    copies.step = 10; // 30 records behind: three more reads
    copies.written = 1; // the active still writing: the end read first is the target, not the moving end

    assertThat(catchUp.awaitCaughtUp(3, Duration.ofSeconds(5))).isTrue();
    assertThat(copies.reads).isEqualTo(4);
  }

  @Test
  void aStandbyThatDoesNotCatchUpInTimeMayNotAnswer() {
    assertThat(catchUp.awaitCaughtUp(3, Duration.ofMillis(60))).isFalse();
    assertThat(copies.reads).as("polled, not spun").isBetween(2, 13);
  }

  @Test
  void noCopyOfThePartitionHereOrNoPositionsKnownMeansNoAnswer() {
    assertThat(catchUp.awaitCaughtUp(7, Duration.ofSeconds(1))).isFalse();
    copies.failing = true;
    assertThat(new StandbyCatchUp(copies, System::nanoTime, POLL, false, Duration.ofMinutes(1)).awaitCaughtUp(3, Duration.ofSeconds(1))).isFalse();
  }

  @Test
  void readyOnlyOnceTheStandbysHaveReachedTheEndsTheyHadWhenFirstAsked() {
    copies.written = 5; // the actives elsewhere keep writing; catching up is with the ends as first read

    assertThat(catchUp.warmedUp()).as("30 records behind").isFalse();
    copies.step = 100;
    assertThat(catchUp.warmedUp()).isTrue();
    copies.step = 0;
    int reads = copies.reads;
    assertThat(catchUp.warmedUp()).as("once warmed up, for good, reading nothing").isTrue();
    assertThat(copies.reads).isEqualTo(reads);
  }

  @Test
  void underExactlyOnceTheCommitMarkerAfterTheLastRecordIsNotWaitedFor() {
    copies.standby.get("orders")[0] = 129; // applied the last record, offset 128; 129 is the marker

    assertThat(catchUp.awaitCaughtUp(3, Duration.ofMillis(30))).as("at-least-once: one record short").isFalse();
    assertThat(new StandbyCatchUp(copies, System::nanoTime, POLL, true, Duration.ofMinutes(1)).awaitCaughtUp(3, Duration.ofSeconds(1))).isTrue();
  }

  @Test
  void readinessStopsWaitingForStandbysThatDoNotCatchUp() {
    long[] now = {0};
    StandbyCatchUp stuck = new StandbyCatchUp(copies, () -> now[0], POLL, false, Duration.ofSeconds(120));

    assertThat(stuck.warmedUp()).isFalse();
    now[0] = Duration.ofSeconds(121).toNanos();
    assertThat(stuck.warmedUp()).as("ready anyway after two minutes, with a warning").isTrue();
  }

  @Test
  void withNoStandbysAnInstanceIsWarmAtOnceAndUnknownPositionsAreNotWarm() {
    StandbyCatchUp.Positions none = new StandbyCatchUp.Positions() {
      @Override
      public Map<String, Map<Integer, StandbyCatchUp.Position>> lags() {
        return Map.of("orders", Map.of(0, new StandbyCatchUp.Position(500, 500)));
      }

      @Override
      public Set<Integer> standbyPartitions() {
        return Set.of();
      }
    };
    assertThat(new StandbyCatchUp(none, System::nanoTime, POLL, false, Duration.ofMinutes(1)).warmedUp()).isTrue();
    copies.failing = true;
    assertThat(catchUp.warmedUp()).isFalse();
  }
}
