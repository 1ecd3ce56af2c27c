package io.fluxrp.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fluxrp clusters show <id> [-o text|json]}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "Show a registered cluster: one 'key: value' line per property ('-': none yet).")
final class ClustersShowCommand implements Callable<Integer> {

  enum Format {
    text,
    json
  }

  @Spec CommandSpec spec;

  @Mixin ClusterIdArgument target;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "text|json",
      defaultValue = "text",
      description = "text or json, the server's cluster body (default: ${DEFAULT-VALUE}).")
  Format format;

  @Mixin AdminOptions admin;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (AdminClient client = admin.connect()) {
      AdminClient.Response response = client.send("GET", client.cluster(target.id), null);
      if (format == Format.json) {
        ClustersCommand.printJson(out, response.body());
      } else {
        properties(response.cluster()).forEach((key, value) -> out.println(key + ": " + value));
        out.flush();
      }
    }
    return 0;
  }

  /** The text lines' keys and values, in the order of the API's cluster body. */
  static Map<String, String> properties(ClusterView c) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("id", orDash(c.id()));
    p.put("kind", orDash(c.kind()));
    p.put("registeredAt", orDash(c.registeredAt()));
    p.put("lastSeenAt", orDash(c.lastSeenAt()));
    p.put("connectionState", orDash(c.connectionState()));
    p.put("agentVersion", orDash(c.agentVersion()));
    p.put("fluxVersion", orDash(c.fluxVersion()));
    p.put("kubernetesVersion", orDash(c.kubernetesVersion()));
    p.put("configurations", orDash(c.configurations()));
    return p;
  }

  static String orDash(Object value) {
    return value == null || value.toString().isBlank() ? "-" : value.toString();
  }
}
