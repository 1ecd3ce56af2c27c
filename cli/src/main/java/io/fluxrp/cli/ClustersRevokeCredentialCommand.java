package io.fluxrp.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fluxrp clusters revoke-credential <id>}: the agent is locked out at once. */
@Command(
    name = "revoke-credential",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description =
        "Revoke an agent cluster's credential: its agent is refused from now on, until"
            + " rotate-credential issues a new one.")
final class ClustersRevokeCredentialCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterIdArgument target;

  @Mixin AdminOptions admin;

  @Override
  public Integer call() {
    try (AdminClient client = admin.connect()) {
      client.send("DELETE", URI.create(client.cluster(target.id) + "/credential"), null);
    }
    spec.commandLine()
        .getErr()
        .println(
            "Revoked the agent credential of cluster "
                + target.id.value()
                + "; 'fluxrp clusters rotate-credential' issues a new one.");
    spec.commandLine().getErr().flush();
    return 0;
  }
}
