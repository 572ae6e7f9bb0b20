package io.orderledger.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Trains the class-data archives the stack's services lack ({@link ClassDataSharing#train}), one after the other on
 * a thread of its own once every service has been started, so that a first start is not held up by them: until a
 * service's archive exists it starts without one, and every start after maps it (a restart after a crash included).
 * Each module is trained once, however many instances of it run.
 */
final class ClassDataTrainer {

  private record Training(String name, ClassDataSharing sharing, List<String> command, Map<String, String> environment) {
  }

  private final Supplier<Path> logs;
  private final Map<ClassDataSharing, Training> pending = new LinkedHashMap<>();
  private Thread thread;

  /** @param logs the folder each training writes its log into */
  ClassDataTrainer(Supplier<Path> logs) {
    this.logs = logs;
  }

  synchronized void add(String name, ClassDataSharing sharing, List<String> command, Map<String, String> environment) {
    pending.putIfAbsent(sharing, new Training(name, sharing, List.copyOf(command), Map.copyOf(environment)));
  }

  synchronized void start() {
    if (pending.isEmpty() || thread != null) {
      return;
    }
    List<Training> trainings = new ArrayList<>(pending.values());
    thread = new Thread(() -> trainAll(trainings), "class-data-trainer");
    thread.setDaemon(true);
    thread.start();
  }

  private void trainAll(List<Training> trainings) {
    try {
      for (Training training : trainings) {
        if (!training.sharing().trained()) {
          training.sharing().train(training.command(), training.environment(),
              logs.get().resolve(training.name() + "-class-data-training.log"));
        }
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt(); // the stack is closing: the training in progress was ended
    }
  }

  /** Ends the training in progress, if any (its process destroyed), and waits for the thread. */
  synchronized void stop() {
    if (thread == null) {
      return;
    }
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
