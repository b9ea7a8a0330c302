package dev.deploysim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level {@code sim} command. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    versionProvider = SimCommand.Version.class,
    description = "deploysim: simulate cloud deployment strategies.",
    showDefaultValues = true)
public final class SimCommand implements Runnable {

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "missing a command; try 'sim --help'");
  }

  /** Reads the version Maven wrote into version.properties. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = SimCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "deploysim " + p.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
