package io.fluxrp.cli;

import io.fluxrp.server.auth.EmbeddedIssuer;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code fluxrp token}: prints a bearer token of the embedded issuer for the local administrator,
 * and nothing else, on stdout. Reads (or creates) only the issuer key in the data directory: it
 * neither starts the server nor opens the database.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Print a bearer token for the local administrator, signed by the embedded issuer of the data"
          + " directory.",
      "Only the token goes to stdout: export TOKEN=$(fluxrp token)"
    })
final class TokenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Option(
      names = "--expires",
      paramLabel = "DURATION",
      defaultValue = "PT24H",
      converter = PositiveDurationConverter.class,
      description =
          "How long the token is valid, as an ISO-8601 duration (default: ${DEFAULT-VALUE}).")
  Duration expires;

  @Override
  public Integer call() {
    EmbeddedIssuer issuer = EmbeddedIssuer.loadOrCreate(dataDir.path());
    String token = issuer.mintAdmin(expires);
    PrintWriter out = spec.commandLine().getOut();
    out.println(token);
    out.flush();
    return 0;
  }

  /** An ISO-8601 duration ({@code PT24H}, {@code P7D}, {@code PT30M}) longer than zero. */
  static final class PositiveDurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d;
      try {
        d = Duration.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not an ISO-8601 duration such as PT24H, PT30M or P7D");
      }
      if (d.isNegative() || d.isZero()) {
        throw new TypeConversionException("'" + value + "' is not longer than zero");
      }
      return d;
    }
  }
}
