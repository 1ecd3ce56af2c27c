package io.fluxrp.cli;

import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.auth.PrincipalType;
import io.fluxrp.server.auth.Role;
import io.fluxrp.server.auth.RoleGrant;
import io.fluxrp.server.auth.TokenGrants;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code fluxrp token}: prints a bearer token of the embedded issuer, for the local administrator
 * or {@code --principal}, with a role grant when {@code --role} is given, and nothing else, on
 * stdout. Reads (or creates) only the issuer key in the data directory: it neither starts the
 * server nor opens the database.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Print a bearer token for the local administrator (or --principal), signed by the embedded"
          + " issuer of the data directory.",
      "Without --role the token grants nothing by itself: the local administrator is Owner"
          + " through the server's configuration.",
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

  @Option(
      names = "--principal",
      paramLabel = "NAME",
      converter = PrincipalNameConverter.class,
      description =
          "Whom the token is for: NAME is its principal id (oid) and display name"
              + " (default: the local administrator, "
              + EmbeddedIssuer.ADMIN_NAME
              + ").")
  String principal;

  @Option(
      names = "--app",
      description = "Mint an Application token instead of a User token (needs --principal).")
  boolean app;

  @Option(
      names = "--role",
      paramLabel = "Reader|Contributor|Owner",
      converter = RoleConverter.class,
      description = "Put this role into the token (claim fluxrp_grants), on --scope.")
  Role role;

  @Option(
      names = "--scope",
      paramLabel = "PREFIX",
      converter = ScopeConverter.class,
      description =
          "The ARM id prefix --role applies to, e.g. /subscriptions/s1/resourceGroups/rg1"
              + " (default: /, everything).")
  String scope;

  @Override
  public Integer call() {
    checkCombination();
    EmbeddedIssuer issuer = EmbeddedIssuer.loadOrCreate(dataDir.path());
    String token = mint(issuer);
    PrintWriter out = spec.commandLine().getOut();
    out.println(token);
    out.flush();
    return 0;
  }

  private void checkCombination() {
    if (scope != null && role == null) {
      throw new ParameterException(spec.commandLine(), "--scope needs --role");
    }
    if (app && principal == null) {
      throw new ParameterException(spec.commandLine(), "--app needs --principal");
    }
  }

  private String mint(EmbeddedIssuer issuer) {
    List<RoleGrant> grants =
        role == null ? List.of() : List.of(new RoleGrant(role, scope == null ? "/" : scope));
    if (principal == null) {
      return issuer.mint(
          EmbeddedIssuer.ADMIN_ID, EmbeddedIssuer.ADMIN_NAME, PrincipalType.User, expires, grants);
    }
    PrincipalType type = app ? PrincipalType.Application : PrincipalType.User;
    return issuer.mint(principal, principal, type, expires, grants);
  }

  /** Reader, Contributor or Owner, in any case. */
  static final class RoleConverter implements ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
      try {
        return Role.fromWire(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code /} or an ARM id prefix. */
  static final class ScopeConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        return TokenGrants.checkScope(value.strip());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "': " + e.getMessage());
      }
    }
  }

  /** 1 to 256 characters, no whitespace or control characters. */
  static final class PrincipalNameConverter implements ITypeConverter<String> {
    private static final Pattern NAME = Pattern.compile("[^\\s\\p{Cntrl}]{1,256}");

    @Override
    public String convert(String value) {
      String v = value.strip();
      if (!NAME.matcher(v).matches()) {
        throw new TypeConversionException(
            "'" + value + "' is not a principal name: 1 to 256 characters without spaces");
      }
      return v;
    }
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
