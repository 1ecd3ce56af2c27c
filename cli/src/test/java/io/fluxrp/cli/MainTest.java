package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void version() {
    Cli result = Cli.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("fluxrp ").doesNotContain("${project.version}");
    assertThat(result.out().lines().findFirst().orElseThrow())
        .matches("fluxrp \\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void help() {
    Cli result = Cli.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: fluxrp").contains("serve").contains("token");
    assertThat(Cli.run("help", "token").out()).contains("--expires");
    assertThat(Cli.run("serve", "--help").out()).contains("--port").contains("FLUXRP_PORT");
  }

  @Test
  void noSubcommandIsAUsageError() {
    Cli result = Cli.run();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required subcommand").contains("Usage: fluxrp");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void unknownOptionOrCommandIsAUsageError() {
    assertThat(Cli.run("--bogus").exitCode()).isEqualTo(2);
    assertThat(Cli.run("frobnicate").exitCode()).isEqualTo(2);
    assertThat(Cli.run("token", "--bogus").exitCode()).isEqualTo(2);
  }
}
