package io.fluxrp.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fluxrp roles remove ID}. */
@Command(
    name = "remove",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description =
        "Remove a role assignment; it stops counting with the next request. The last Owner of"
            + " '/' cannot be removed.")
final class RolesRemoveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The role assignment's id.")
  String id;

  @Mixin AdminOptions admin;

  @Override
  public Integer call() {
    int status;
    try (AdminClient client = admin.connect()) {
      status = client.send("DELETE", client.roleAssignment(id), null).status();
    }
    spec.commandLine()
        .getErr()
        .println(
            status == 204
                ? "No role assignment " + id + " (nothing removed)."
                : "Removed role assignment " + id + ".");
    spec.commandLine().getErr().flush();
    return 0;
  }
}
