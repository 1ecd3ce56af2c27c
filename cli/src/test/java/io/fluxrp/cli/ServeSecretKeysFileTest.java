package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

/** {@code fluxrp serve --secret-keys-file}: the key file of secrets at rest. */
class ServeSecretKeysFileTest {
  @TempDir Path tmp;

  private static ServeCommand parse(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    ParseResult result = Main.commandLine(env).parseArgs(all);
    return (ServeCommand) result.subcommand().commandSpec().userObject();
  }

  @Test
  void theKeyFileIsInTheDataDirectoryUnlessAnOptionOrTheEnvironmentSaysOtherwise() {
    String dataDir = tmp.resolve("data").toString();
    Path option = tmp.resolve("option-keys.json");
    Path env = tmp.resolve("env-keys.json");

    assertThat(parse(Map.of(), "--data-dir", dataDir).serverConfig().secretKeysFile())
        .isEqualTo(tmp.resolve("data").resolve("secret-keys.json"));
    assertThat(
            parse(Map.of("FLUXRP_SECRET_KEYS_FILE", env.toString()), "--data-dir", dataDir)
                .serverConfig()
                .secretKeysFile())
        .isEqualTo(env);
    assertThat(
            parse(
                    Map.of("FLUXRP_SECRET_KEYS_FILE", env.toString()),
                    "--data-dir",
                    dataDir,
                    "--secret-keys-file",
                    option.toString())
                .serverConfig()
                .secretKeysFile())
        .isEqualTo(option);
  }
}
