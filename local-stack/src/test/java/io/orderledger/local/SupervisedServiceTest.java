package io.orderledger.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The local stack's supervisor, on real child processes ({@code sh}): restarts, backoff, giving up, stopping. */
class SupervisedServiceTest {

  private final List<String> said = new CopyOnWriteArrayList<>();
  private final SupervisedService.Listener listener = new SupervisedService.Listener() {
    @Override
    public void restarting(String service, String exit, int restart, Duration backoff) {
      said.add("restarting " + service + " (" + exit + ") #" + restart + " in " + backoff.toMillis());
    }

    @Override
    public void restarted(String service, long pid) {
      said.add("restarted " + service);
    }

    @Override
    public void gaveUp(String service, String exit, String why) {
      // A listener that takes its time (the stack's prints to a terminal): gaveUp() must not be seen set before the
      // listener has finished (a fresh-clone run found this test's assertion reading `said` in between).
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      said.add("gave up " + service + ": " + why);
    }
  };

  @Test
  void exitCodesReadAsAShellReportsThem() {
    assertThat(SupervisedService.describe(137)).isEqualTo("exit 137: killed by SIGKILL");
    assertThat(SupervisedService.describe(143)).isEqualTo("exit 143: killed by SIGTERM");
    assertThat(SupervisedService.describe(1)).isEqualTo("exit 1");
  }

  @Test
  void backoffDoublesWithEachRecentRestartUpToItsCap() {
    SupervisedService.Policy policy = SupervisedService.Policy.DEFAULT;
    assertThat(List.of(0, 1, 2, 3, 4, 5).stream().map(n -> policy.backoff(n).toMillis()).toList())
        .containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 16_000L);
  }

  @Test
  void aCrashLoopingServiceIsRestartedThenGivenUpOn() {
    SupervisedService.Policy policy = new SupervisedService.Policy(3, Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ofMillis(40));
    SupervisedService service = new SupervisedService("flaky", () -> new ProcessBuilder("sh", "-c", "exit 3").start(), policy, listener);
    start(service);
    await().atMost(Duration.ofSeconds(20)).until(() -> service.gaveUp() != null);
    assertThat(service.restarts()).isEqualTo(3);
    assertThat(said).containsExactly(
        "restarting flaky (exit 3) #1 in 10", "restarted flaky",
        "restarting flaky (exit 3) #2 in 20", "restarted flaky",
        "restarting flaky (exit 3) #3 in 40", "restarted flaky",
        "gave up flaky: exit 3, after 3 restarts within 60 s");
  }

  @Test
  void aKilledServiceIsStartedAgainAndAStoppedOneIsNot() {
    SupervisedService.Policy policy = new SupervisedService.Policy(5, Duration.ofMinutes(2), Duration.ofMillis(10), Duration.ofMillis(40));
    SupervisedService service = new SupervisedService("steady", () -> new ProcessBuilder("sleep", "60").start(), policy, listener);
    start(service);
    long first = service.pid();
    ProcessHandle.of(first).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofSeconds(20)).until(() -> service.restarts() == 1 && service.pid() > 0 && service.pid() != first);
    assertThat(said).first().isEqualTo("restarting steady (exit 137: killed by SIGKILL) #1 in 10");

    long second = service.pid();
    service.stop();
    service.awaitStopped(Duration.ofSeconds(10));
    // Held for a while: a wrong restart would come within the 10 ms backoff.
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> service.restarts() == 1 && service.pid() < 0);
    assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(service.restarts()).isEqualTo(1);
    assertThat(service.gaveUp()).isNull();
  }

  private static void start(SupervisedService service) {
    try {
      service.start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
