package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.ServerConfig;
import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.http.ThrottleSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** {@code serve --owner} and the {@code --throttle-*} options, from the command line or env. */
class ServeRolesOptionsTest {

  @TempDir Path tmp;

  private static ServerConfig config(Map<String, String> env, String... args) {
    CommandLine cmd = Main.commandLine(env);
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    ParseResult result = cmd.parseArgs(all);
    return ((ServeCommand) result.subcommand().commandSpec().userObject()).serverConfig();
  }

  @Test
  void theLocalAdministratorIsTheOwnerUnlessOwnersAreGiven() {
    assertThat(config(Map.of()).initialOwners()).containsExactly(EmbeddedIssuer.ADMIN_ID);
    assertThat(config(Map.of(), "--owner", "alice", "--owner", "bob,carol").initialOwners())
        .containsExactly("alice", "bob", "carol");
    assertThat(config(Map.of("FLUXRP_OWNERS", "alice, bob")).initialOwners())
        .containsExactly("alice", "bob");
    assertThat(config(Map.of("FLUXRP_OWNERS", "alice"), "--owner", "dave").initialOwners())
        .as("the command line wins")
        .containsExactly("dave");
  }

  @Test
  void throttleBudgetsDefaultToArmsAndCanBeChanged() {
    assertThat(config(Map.of()).throttle()).isEqualTo(ThrottleSettings.ARM_DEFAULTS);
    assertThat(
            config(
                    Map.of(),
                    "--throttle-reads",
                    "50",
                    "--throttle-writes",
                    "5",
                    "--throttle-window",
                    "PT1M")
                .throttle())
        .isEqualTo(new ThrottleSettings(50, 5, Duration.ofMinutes(1)));
    assertThat(
            config(
                    Map.of(
                        "FLUXRP_THROTTLE_READS", "7",
                        "FLUXRP_THROTTLE_WRITES", "3",
                        "FLUXRP_THROTTLE_WINDOW", "PT10S"))
                .throttle())
        .isEqualTo(new ThrottleSettings(7, 3, Duration.ofSeconds(10)));
  }

  @Test
  void invalidOwnersAndBudgetsAreUsageErrors() {
    for (List<String> args :
        List.of(
            List.of("--owner", "has space"),
            List.of("--throttle-reads", "0"),
            List.of("--throttle-writes", "many"),
            List.of("--throttle-window", "PT0S"))) {
      String[] all =
          java.util.stream.Stream.concat(
                  java.util.stream.Stream.of("serve", "--data-dir", tmp.toString()), args.stream())
              .toArray(String[]::new);
      Cli result = Cli.run(all);
      assertThat(result.exitCode()).as("%s: %s", args, result).isEqualTo(2);
      assertThat(result.err()).contains(args.get(0));
    }
  }
}
