package io.fluxrp.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fluxrp clusters register <id> [--kind agent|emulated]}: an agent cluster's credential goes
 * to stdout alone (or to {@code --credential-file}), the summary to stderr.
 */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Register a cluster. For an agent cluster, its agent credential, shown only this once, is"
          + " the only output on stdout: CRED=$(fluxrp clusters register ID)",
      "Registering again with the same kind changes nothing (and issues no new credential)."
    })
final class ClustersRegisterCommand implements Callable<Integer> {

  /** How a cluster takes part, as the admin API spells it. */
  enum Kind {
    agent,
    emulated
  }

  @Spec CommandSpec spec;

  @Mixin ClusterIdArgument target;

  @Option(
      names = "--kind",
      paramLabel = "agent|emulated",
      defaultValue = "agent",
      description =
          "agent: a fluxrp agent on the cluster connects; emulated: the server's built-in"
              + " stand-in (default: ${DEFAULT-VALUE}).")
  Kind kind;

  @Mixin CredentialOutput credential;

  @Mixin AdminOptions admin;

  @Override
  public Integer call() {
    if (kind == Kind.emulated && credential.file != null) {
      throw new ParameterException(
          spec.commandLine(), "--credential-file needs --kind agent: emulated clusters have none");
    }
    PrintWriter err = spec.commandLine().getErr();
    try (AdminClient client = admin.connect();
        CredentialOutput.Sink sink = credential.open(spec.commandLine().getOut())) {
      AdminClient.Response response =
          client.send("PUT", client.cluster(target.id), "{\"kind\":\"" + kind + "\"}");
      ClusterView cluster = response.cluster();
      String name = cluster.id() == null ? target.id.value() : cluster.id();
      if (cluster.credential() != null) {
        sink.write(cluster.credential());
        err.println(
            (response.status() == 201
                    ? "Registered cluster " + name + " (kind agent)."
                    : "Changed cluster " + name + " to kind agent.")
                + " Its agent credential, "
                + sink.where()
                + ", is shown only this once.");
      } else if (response.status() == 201 && kind == Kind.agent) {
        throw new CliException(
            "unexpected answer from the server: no credential for the new agent cluster " + name);
      } else if (response.status() == 201) {
        err.println("Registered cluster " + name + " (kind " + cluster.kind() + ").");
      } else if (kind == Kind.agent) {
        err.println(
            "Cluster "
                + name
                + " is registered already (kind agent): nothing changed, its credential stays"
                + " (rotate-credential makes a new one)."
                + noFile(sink));
      } else {
        err.println(
            "Cluster "
                + name
                + " was registered already; it is of kind emulated now."
                + noFile(sink));
      }
      err.flush();
    }
    return 0;
  }

  private static String noFile(CredentialOutput.Sink sink) {
    return sink.file() == null ? "" : " " + sink.file() + " was not written.";
  }
}
