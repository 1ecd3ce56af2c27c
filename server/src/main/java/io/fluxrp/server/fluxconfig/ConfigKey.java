package io.fluxrp.server.fluxconfig;

import java.util.Locale;

/**
 * The case-insensitive identity of a configuration: its cluster's ARM id and its name, both in
 * lower case. ARM ids match case-insensitively; the casing of the last write is kept separately.
 */
public record ConfigKey(String clusterKey, String nameKey) {

  public static ConfigKey of(String clusterId, String name) {
    return new ConfigKey(lower(clusterId), lower(name));
  }

  public static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
