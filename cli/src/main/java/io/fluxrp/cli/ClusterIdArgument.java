package io.fluxrp.cli;

import picocli.CommandLine.Parameters;

/** The {@code CLUSTER_ID} argument the {@code clusters} subcommands share. */
final class ClusterIdArgument {
  @Parameters(
      index = "0",
      paramLabel = "CLUSTER_ID",
      converter = ClusterId.Converter.class,
      description = "The cluster's ARM id, /subscriptions/.../connectedClusters/NAME.")
  ClusterId id;
}
