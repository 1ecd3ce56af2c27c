package io.fluxrp.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fluxrp clusters rotate-credential <id>}: a new agent credential, output as register's. */
@Command(
    name = "rotate-credential",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Issue a new agent credential for an agent cluster; the old one stops working at once.",
      "The new credential, shown only this once, is the only output on stdout."
    })
final class ClustersRotateCredentialCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterIdArgument target;

  @Mixin CredentialOutput credential;

  @Mixin AdminOptions admin;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try (AdminClient client = admin.connect();
        CredentialOutput.Sink sink = credential.open(spec.commandLine().getOut())) {
      ClusterView cluster =
          client
              .send("POST", URI.create(client.cluster(target.id) + "/credential"), null)
              .cluster();
      if (cluster.credential() == null) {
        throw new CliException("unexpected answer from the server: no credential");
      }
      sink.write(cluster.credential());
      err.println(
          "New agent credential for cluster "
              + (cluster.id() == null ? target.id.value() : cluster.id())
              + ", "
              + sink.where()
              + ", shown only this once; the old one no longer works.");
      err.flush();
    }
    return 0;
  }
}
