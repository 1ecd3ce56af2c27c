package io.fluxrp.server.clusters;

/** How a cluster takes part in the protocol. */
public enum ClusterKind {
  /** A built-in stand-in that acknowledges at once and reports what a healthy Flux would. */
  EMULATED,
  /** A real cluster whose fluxrp agent connects to this server. */
  AGENT
}
