package io.fluxrp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.json.Json;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fluxrp roles assign --principal ID --role R --scope S}: prints the assignment. */
@Command(
    name = "assign",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description =
        "Give a principal a role on a scope; prints the role assignment (JSON). Assigning the"
            + " same again with the same --id changes nothing.")
final class RolesAssignCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--principal",
      required = true,
      paramLabel = "ID",
      description = "The principal's object id: the oid (else sub) of its tokens.")
  String principal;

  @Option(
      names = "--role",
      required = true,
      paramLabel = "ROLE",
      description =
          "Reader (GET, LIST, operation status), Contributor (also PUT, PATCH, DELETE)"
              + " or Owner (also role assignments and cluster registration).")
  String role;

  @Option(
      names = "--scope",
      required = true,
      paramLabel = "SCOPE",
      description =
          "Where the role applies: '/', /subscriptions/ID or"
              + " /subscriptions/ID/resourceGroups/NAME (or any deeper ARM id prefix).")
  String scope;

  @Option(
      names = "--id",
      paramLabel = "ID",
      description = "The assignment's id (default: a new UUID).")
  String id;

  @Mixin AdminOptions admin;

  @Override
  public Integer call() {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("principalId", principal).put("scope", scope).put("role", role);
    String assignmentId = id == null ? UUID.randomUUID().toString() : id;
    JsonNode answer;
    try (AdminClient client = admin.connect()) {
      answer = client.send("PUT", client.roleAssignment(assignmentId), body.toString()).body();
    }
    ClustersCommand.printJson(spec.commandLine().getOut(), answer);
    return 0;
  }
}
