package io.fluxrp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fluxrp roles list [--principal ID] [-o table|json]}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "List the role assignments, ordered by id.")
final class RolesListCommand implements Callable<Integer> {

  static final List<String> COLUMNS = List.of("ID", "PRINCIPAL", "ROLE", "SCOPE");

  @Spec CommandSpec spec;

  @Option(
      names = "--principal",
      paramLabel = "ID",
      description = "Only the assignments of this principal.")
  String principal;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "table|json",
      defaultValue = "table",
      description = "table, or json: one array of assignments (default: ${DEFAULT-VALUE}).")
  ClustersListCommand.Format format;

  @Mixin AdminOptions admin;

  @Override
  public Integer call() {
    JsonNode value;
    try (AdminClient client = admin.connect()) {
      JsonNode body = client.send("GET", client.roleAssignments(principal), null).body();
      value = body == null ? null : body.get("value");
    }
    if (value == null || !value.isArray()) {
      throw new CliException("unexpected answer from the server: no role assignment list");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == ClustersListCommand.Format.json) {
      ClustersCommand.printJson(out, value);
      return 0;
    }
    if (value.isEmpty()) {
      spec.commandLine().getErr().println("No role assignments.");
      spec.commandLine().getErr().flush();
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(COLUMNS);
    for (JsonNode a : value) {
      rows.add(
          List.of(
              a.path("id").asText("-"),
              a.path("principalId").asText("-"),
              a.path("role").asText("-"),
              a.path("scope").asText("-")));
    }
    ClustersListCommand.table(rows).forEach(out::println);
    out.flush();
    return 0;
  }
}
