package dev.deploysim.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * What the command line knows about where its output goes: whether stdout and stderr are
 * terminals, and the environment variables that switch colour ({@code NO_COLOR}) and progress bars
 * ({@code CI}) off.
 *
 * <p>Java cannot ask whether stderr is a terminal, so the {@code ./sim} launcher tells it: it sets
 * {@code SIM_TTY} to the file descriptors that are terminals ("1", "2", "12" or empty). Without the
 * launcher (plain {@code java -jar}), both count as terminals when Java has a console.
 */
public record Terminal(boolean stdoutIsTerminal, boolean stderrIsTerminal, Map<String, String> env) {

  public Terminal {
    env = Map.copyOf(env);
  }

  /** Not a terminal, no environment: what tests and pipes get. */
  public static Terminal none() {
    return new Terminal(false, false, Map.of());
  }

  public static Terminal detect() {
    Map<String, String> env = System.getenv();
    String tty = env.get("SIM_TTY");
    if (tty != null) {
      return new Terminal(tty.contains("1"), tty.contains("2"), env);
    }
    boolean console = hasInteractiveConsole();
    return new Terminal(console, console, env);
  }

  private static boolean hasInteractiveConsole() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      // Java 22+: System.console() exists even when redirected; isTerminal() tells the truth
      Method m = Console.class.getMethod("isTerminal");
      return (Boolean) m.invoke(c);
    } catch (ReflectiveOperationException e) {
      return true; // Java 17-21: a console means stdin and stdout are terminals
    }
  }

  /** ANSI colours on stdout: only to a terminal, and never when NO_COLOR is set (no-color.org). */
  public boolean color() {
    return stdoutIsTerminal && !present("NO_COLOR");
  }

  /** Progress bars on stderr: only to a terminal and not under CI. */
  public boolean progress() {
    return stderrIsTerminal && !present("CI");
  }

  private boolean present(String name) {
    String v = env.get(name);
    return v != null && !v.isEmpty();
  }
}
