package io.orderledger.audit.verify.report;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long read: a progress bar (records, rate, ETA) on a terminal, plain lines every few seconds
 * elsewhere (a CI log, a pipe), nothing when quiet.
 */
public interface Progress {

  void start(String task, long total);

  void step();

  void finish();

  static Progress none() {
    return new Progress() {
      @Override
      public void start(String task, long total) {
      }

      @Override
      public void step() {
      }

      @Override
      public void finish() {
      }
    };
  }

  /** A bar when {@code out} is a terminal, periodic lines otherwise. */
  static Progress to(PrintStream out) {
    return System.console() != null ? new Bar() : new Lines(out, Duration.ofSeconds(5));
  }

  /** The terminal's bar. */
  final class Bar implements Progress {
    private ProgressBar bar;
    private long pending;

    @Override
    public void start(String task, long total) {
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII).setUnit(" records", 1)
          .showSpeed().setUpdateIntervalMillis(250).build();
    }

    @Override
    public void step() {
      if (++pending == 1_000) {
        bar.stepBy(pending);
        pending = 0;
      }
    }

    @Override
    public void finish() {
      bar.stepBy(pending);
      pending = 0;
      bar.close();
    }
  }

  /** Plain lines: records read, rate, ETA. */
  final class Lines implements Progress {
    private final PrintStream out;
    private final long everyNanos;
    private String task;
    private long total;
    private long done;
    private long started;
    private long lastLine;

    Lines(PrintStream out, Duration every) {
      this.out = out;
      this.everyNanos = every.toNanos();
    }

    @Override
    public void start(String task, long total) {
      this.task = task;
      this.total = total;
      this.done = 0;
      this.started = System.nanoTime();
      this.lastLine = started;
    }

    @Override
    public void step() {
      done++;
      if ((done & 1023) == 0 && System.nanoTime() - lastLine >= everyNanos) {
        line();
      }
    }

    @Override
    public void finish() {
      if (total > 0) {
        line();
      }
    }

    private void line() {
      lastLine = System.nanoTime();
      double seconds = Math.max(1e-3, (lastLine - started) / 1e9);
      double rate = done / seconds;
      long eta = rate > 0 ? (long) ((total - done) / rate) : 0;
      out.printf("%s: %,d of %,d records (%.0f%%), %,.0f records/s, ETA %d s%n", task, done, total, total == 0 ? 100.0 : 100.0 * done / total,
          rate, Math.max(0, eta));
    }
  }
}
