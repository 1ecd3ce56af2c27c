package io.fluxrp.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code --data-dir}, shared by the commands that use the embedded default's data directory. */
final class DataDirOption {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${sys:user.home}/.fluxrp",
      converter = PathConverter.class,
      description =
          "Where the embedded database and the token signing key live; created when missing"
              + " (env FLUXRP_DATA_DIR; default: ${DEFAULT-VALUE}).")
  Path dataDir;

  /** The data directory, absolute. */
  Path path() {
    return dataDir;
  }

  /** A path, absolute and normalized; a leading {@code ~} is the user's home directory. */
  static final class PathConverter implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      String v = value.strip();
      if (v.isEmpty()) {
        throw new picocli.CommandLine.TypeConversionException("the path is empty");
      }
      Path p;
      if (v.equals("~")) {
        p = Paths.get(System.getProperty("user.home"));
      } else if (v.startsWith("~/")) {
        p = Paths.get(System.getProperty("user.home"), v.substring(2));
      } else {
        p = Paths.get(v);
      }
      return p.toAbsolutePath().normalize();
    }
  }
}
