package dev.deploysim.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress of long work (several scenarios, replications), shown on stderr when it helps. */
public interface Progress extends AutoCloseable {

  /** One unit of work done. */
  void step();

  /** A short note shown after the bar ("point 3 of 24"). */
  default void message(String text) {}

  @Override
  void close();

  Progress NONE = new Progress() {
    @Override
    public void step() {}

    @Override
    public void close() {}
  };

  /**
   * A progress bar on {@code err} when there are at least {@code minUnits} units, stderr is a
   * terminal, CI is not set and the user did not ask for quiet; otherwise nothing.
   */
  static Progress of(String task, int units, int minUnits, boolean quiet, Terminal terminal, PrintWriter err) {
    if (quiet || units < minUnits || !terminal.progress()) {
      return NONE;
    }
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(units)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new WriterConsumer(err))
        .setUpdateIntervalMillis(250)
        .clearDisplayOnFinish()
        .build();
    return new Progress() {
      @Override
      public void step() {
        bar.step();
      }

      @Override
      public void message(String text) {
        bar.setExtraMessage(text);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }

  /** Draws the bar on one line of a writer, redrawing it with a carriage return. */
  final class WriterConsumer implements ProgressBarConsumer {
    private final PrintWriter err;

    WriterConsumer(PrintWriter err) {
      this.err = err;
    }

    @Override
    public int getMaxRenderedLength() {
      return 79;
    }

    @Override
    public void accept(String rendered) {
      err.print('\r');
      err.print(rendered);
      err.flush();
    }

    @Override
    public void clear() {
      err.print('\r');
      err.print(" ".repeat(getMaxRenderedLength()));
      err.print('\r');
      err.flush();
    }

    @Override
    public void close() {
      err.flush();
    }
  }
}
