package io.fluxrp.model.fluxconfig;

/** How Flux reaches a Git repository, from the form of its URL. */
enum GitTransport {
  HTTP("http://"),
  HTTPS("https://"),
  SSH("SSH");

  private final String scheme;

  GitTransport(String scheme) {
    this.scheme = scheme;
  }

  /** The kind of URL for a message: "... is an {scheme} URL". */
  String scheme() {
    return scheme;
  }
}
