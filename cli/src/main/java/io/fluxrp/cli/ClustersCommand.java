package io.fluxrp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.model.json.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fluxrp clusters}: the cluster registry of a running server, through its admin API. */
@Command(
    name = "clusters",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Register, list, show and remove the clusters of a running fluxrp server (its admin API).",
      "Without --token, run it on the server's machine: it mints a token with the server's key."
    },
    subcommands = {
      ClustersRegisterCommand.class,
      ClustersListCommand.class,
      ClustersShowCommand.class,
      ClustersRemoveCommand.class,
      ClustersRotateCredentialCommand.class,
      ClustersRevokeCredentialCommand.class
    })
final class ClustersCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withArrayEmptySeparator("")
                  .withObjectEmptySeparator(""))
          .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

  /** {@code json} indented by two spaces, as jq prints it, and a line break. */
  static void printJson(PrintWriter out, JsonNode json) {
    try {
      out.println(Json.mapper().writer(PRETTY).writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new CliException("cannot print JSON: " + e.getOriginalMessage(), e);
    }
    out.flush();
  }
}
