package io.fluxrp.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fluxrp clusters remove <id> [--force]}. */
@Command(
    name = "remove",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description =
        "Remove a registered cluster. A cluster that still has Flux configurations is kept unless"
            + " --force is given.")
final class ClustersRemoveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterIdArgument target;

  @Option(
      names = "--force",
      description =
          "Remove its Flux configurations with it (their running operations end Canceled).")
  boolean force;

  @Mixin AdminOptions admin;

  @Override
  public Integer call() {
    try (AdminClient client = admin.connect()) {
      URI uri = client.cluster(target.id);
      client.send("DELETE", force ? URI.create(uri + "?force=true") : uri, null);
    }
    spec.commandLine()
        .getErr()
        .println(
            "Removed cluster "
                + target.id.value()
                + (force ? ", with the Flux configurations it had." : "."));
    spec.commandLine().getErr().flush();
    return 0;
  }
}
