package io.fluxrp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fluxrp roles}: the role assignments of a running server, through its admin API. */
@Command(
    name = "roles",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Assign, list and remove the roles (Reader, Contributor, Owner) of principals on scopes.",
      "Needs an Owner of '/'. Without --token, run it on the server's machine: it mints a token"
          + " of the local administrator with the server's key."
    },
    subcommands = {RolesAssignCommand.class, RolesListCommand.class, RolesRemoveCommand.class})
final class RolesCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
