package io.fluxrp.cli;

import io.fluxrp.cli.logging.LogSetup;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code fluxrp}: the one runnable jar. Exit codes: 0 success, 1 failure (one line on stderr, no
 * stack trace), 2 usage error.
 */
@Command(
    name = "fluxrp",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "A self-hosted Microsoft.KubernetesConfiguration/fluxConfigurations resource provider.",
    subcommands = {
      ServeCommand.class,
      AgentCommand.class,
      TokenCommand.class,
      ClustersCommand.class,
      SecretsCommand.class,
      RolesCommand.class,
      CommandLine.HelpCommand.class
    },
    usageHelpAutoWidth = true)
public final class Main implements Runnable {

  /** Exit code of a command that failed (usage errors are {@link CommandLine.ExitCode#USAGE}). */
  public static final int EXIT_FAILURE = 1;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    LogSetup.configure(env, System.err); // before anything obtains a logger
    int code = commandLine(env).execute(args);
    System.exit(code);
  }

  /**
   * The command line with its subcommands, taking option defaults from {@code env} (see {@link
   * EnvironmentDefaults}); tests pass their own environment and set out/err writers.
   */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setDefaultValueProvider(new EnvironmentDefaults(env));
    cmd.setExecutionExceptionHandler(Main::failure);
    return cmd;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** Any exception from a command: one line on stderr, exit code 1, no stack trace. */
  private static int failure(Exception e, CommandLine cmd, ParseResult parseResult) {
    if (!(e instanceof CliException)) { // the trace is there for FLUXRP_LOG_LEVEL=DEBUG
      LoggerFactory.getLogger(Main.class).debug("fluxrp {} failed", cmd.getCommandName(), e);
    }
    cmd.getErr().println("fluxrp: " + Errors.oneLine(e));
    cmd.getErr().flush();
    return EXIT_FAILURE;
  }

  /** {@code fluxrp --version}: the project version (from the build) and the JVM. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "fluxrp " + projectVersion(), "JVM: ${java.version} (${java.vendor} ${java.vm.name})"
      };
    }

    static String projectVersion() {
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in == null) {
          return "unknown";
        }
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }
  }
}
