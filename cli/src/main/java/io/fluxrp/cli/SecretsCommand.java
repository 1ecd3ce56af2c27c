package io.fluxrp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fluxrp secrets}: secrets at rest of a running server, through its admin API. */
@Command(
    name = "secrets",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Manage the encryption of a running fluxrp server's secrets at rest (its admin API).",
      "Without --token, run it on the server's machine: it mints a token with the server's key."
    },
    subcommands = {SecretsRotateCommand.class})
final class SecretsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
