package io.orderledger.poller.app;

import io.orderledger.poller.ingest.SourcePoller;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/** Runs one thread per source, started after the context is ready and stopped (each finishing its cycle) on shutdown. */
final class PollerRunner implements SmartLifecycle {

  private final List<SourcePoller> pollers;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  PollerRunner(List<SourcePoller> pollers) {
    this.pollers = pollers;
  }

  List<SourcePoller> pollers() {
    return pollers;
  }

  List<Thread> threads() {
    return threads;
  }

  @Override
  public synchronized void start() {
    for (SourcePoller poller : pollers) {
      Thread thread = new Thread(poller);
      thread.setDaemon(false);
      threads.add(thread);
      thread.start();
    }
    running = true;
  }

  @Override
  public synchronized void stop() {
    pollers.forEach(SourcePoller::stop);
    for (Thread thread : threads) {
      try {
        thread.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
