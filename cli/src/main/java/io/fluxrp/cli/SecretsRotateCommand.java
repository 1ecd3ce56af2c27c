package io.fluxrp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fluxrp secrets rotate}: a new key-encryption key, every configuration re-encrypted. */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Add a new key to the server's secret key file and encrypt the secrets of every Flux"
          + " configuration again with it. Older keys stay in the file; running it again after a"
          + " failure finishes the job.",
      "Prints the new key id and how many configurations were re-encrypted."
    })
final class SecretsRotateCommand implements Callable<Integer> {

  /** Re-encrypting a large store takes a while: the answer comes when every row is done. */
  static final Duration TIMEOUT = Duration.ofHours(1);

  @Spec CommandSpec spec;

  @Mixin AdminOptions admin;

  @Override
  public Integer call() {
    JsonNode body;
    try (AdminClient client = admin.connect()) {
      body = client.send("POST", client.secretsRotate(), null, TIMEOUT).body();
    }
    if (body == null || !body.path("keyId").isTextual() || !body.path("reencrypted").isNumber()) {
      throw new CliException("unexpected answer from the server: not a rotation result");
    }
    spec.commandLine()
        .getOut()
        .println(
            "Secrets are now encrypted with key "
                + body.path("keyId").asText()
                + "; "
                + body.path("reencrypted").asLong()
                + " configuration(s) re-encrypted.");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
