package io.fluxrp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fluxrp.model.json.Json;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fluxrp clusters list [-o table|json]}: every page of the server's cluster list. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "List the registered clusters, ordered by id.")
final class ClustersListCommand implements Callable<Integer> {

  enum Format {
    table,
    json
  }

  static final List<String> COLUMNS = List.of("ID", "KIND", "STATE", "LAST SEEN", "CONFIGURATIONS");

  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "table|json",
      defaultValue = "table",
      description = "table, or json: one array of cluster bodies (default: ${DEFAULT-VALUE}).")
  Format format;

  @Mixin AdminOptions admin;

  @Override
  public Integer call() {
    ArrayNode clusters = Json.mapper().createArrayNode();
    try (AdminClient client = admin.connect()) {
      Set<URI> seen = new HashSet<>();
      for (URI page = client.clusters(); page != null; ) {
        if (!seen.add(page)) {
          throw new CliException("the server's nextLink repeats a page: " + page);
        }
        JsonNode body = client.send("GET", page, null).body();
        JsonNode value = body == null ? null : body.get("value");
        if (value == null || !value.isArray()) {
          throw new CliException("unexpected answer from the server: no cluster list");
        }
        value.forEach(clusters::add);
        JsonNode next = body.get("nextLink");
        page = next == null || !next.isTextual() ? null : client.next(next.textValue());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      ClustersCommand.printJson(out, clusters);
      return 0;
    }
    if (clusters.isEmpty()) {
      spec.commandLine().getErr().println("No clusters registered.");
      spec.commandLine().getErr().flush();
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(COLUMNS);
    for (JsonNode node : clusters) {
      ClusterView c = new AdminClient.Response(200, node).cluster();
      rows.add(
          List.of(
              ClustersShowCommand.orDash(c.id()),
              ClustersShowCommand.orDash(c.kind()),
              ClustersShowCommand.orDash(c.connectionState()),
              ClustersShowCommand.orDash(c.lastSeenAt()),
              ClustersShowCommand.orDash(c.configurations())));
    }
    table(rows).forEach(out::println);
    out.flush();
    return 0;
  }

  /** Columns padded to their widest cell, two spaces apart; no trailing spaces. */
  static List<String> table(List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(i == 0 ? "" : "  ").append(row.get(i));
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length()));
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
