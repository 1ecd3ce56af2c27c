package io.fluxrp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in-process with a given environment and captures stdout and stderr. */
record Cli(int exitCode, String out, String err) {

  static Cli run(Map<String, String> env, String... args) {
    CommandLine cmd = Main.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  static Cli run(String... args) {
    return run(Map.of(), args);
  }
}
