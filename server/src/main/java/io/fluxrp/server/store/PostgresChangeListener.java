package io.fluxrp.server.store;

import io.fluxrp.server.clusters.ClusterChangeSignal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the changes other server instances commit into this one: one connection of its own,
 * outside the pool, that {@code LISTEN}s on the channel the schema's triggers notify (see {@code
 * V4_1__change_notifications.sql}) and hands every cluster key to {@link ClusterChangeSignal}.
 *
 * <p>When the connection fails it reconnects every {@code retryInterval}; since changes may have
 * been committed unseen meanwhile, every failed attempt and every new connection also signal {@link
 * ClusterChangeSignal#everythingChanged()} — the polling fallback: while notifications are down,
 * waiting feed requests look at the database once per interval.
 */
public final class PostgresChangeListener implements AutoCloseable {
  static final String CHANNEL = "fluxrp_feed";
  private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeListener.class);
  private static final int RECEIVE_MILLIS = 1_000;
  private static final long HEALTH_CHECK_NANOS = Duration.ofSeconds(10).toNanos();

  private final StoreSettings settings;
  private final ClusterChangeSignal signal;
  private final Duration retryInterval;
  private final Thread thread;
  private volatile Connection current;
  private volatile boolean connected;
  private volatile boolean closed;

  private PostgresChangeListener(
      StoreSettings settings, ClusterChangeSignal signal, Duration retryInterval) {
    this.settings = settings;
    this.signal = signal;
    this.retryInterval = retryInterval;
    this.thread =
        Thread.ofPlatform().name("postgres-change-listener").daemon().unstarted(this::run);
  }

  /** Starts listening in the background (the first connection is made there, too). */
  public static PostgresChangeListener start(
      StoreSettings settings, ClusterChangeSignal signal, Duration retryInterval) {
    PostgresChangeListener listener = new PostgresChangeListener(settings, signal, retryInterval);
    listener.thread.start();
    return listener;
  }

  /** True while the listening connection is up (notifications arrive). */
  public boolean connected() {
    return connected;
  }

  private void run() {
    boolean wasDown = false;
    while (!closed) {
      try (Connection connection = connect()) {
        current = connection;
        listen(connection);
        connected = true;
        if (wasDown) {
          LOG.info("change notifications from the database resumed");
        }
        signal.everythingChanged(); // what committed while nobody listened
        receive(connection.unwrap(PGConnection.class), connection);
      } catch (SQLException | RuntimeException e) {
        if (!closed && !wasDown) {
          LOG.warn(
              "change notifications from the database stopped; polling until they resume: {}",
              e.getMessage());
        }
      } finally {
        connected = false;
        current = null;
      }
      wasDown = true;
      if (!closed) {
        signal.everythingChanged();
        pause();
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (settings.username() != null) {
      properties.setProperty("user", settings.username());
    }
    if (settings.password() != null) {
      properties.setProperty("password", settings.password());
    }
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("ApplicationName", "fluxrp change listener");
    return DriverManager.getConnection(settings.jdbcUrl(), properties);
  }

  private static void listen(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      statement.execute("LISTEN " + CHANNEL);
    }
  }

  private void receive(PGConnection pg, Connection connection) throws SQLException {
    long lastTraffic = System.nanoTime();
    while (!closed) {
      PGNotification[] notifications = pg.getNotifications(RECEIVE_MILLIS);
      if (notifications != null && notifications.length > 0) {
        lastTraffic = System.nanoTime();
        for (PGNotification notification : notifications) {
          signal.changed(notification.getParameter());
        }
      } else if (System.nanoTime() - lastTraffic > HEALTH_CHECK_NANOS) {
        // a connection that died silently (no RST) shows only when something is sent
        if (!connection.isValid(5)) {
          throw new SQLException("the listening connection does not answer", "08006");
        }
        lastTraffic = System.nanoTime();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(retryInterval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection connection = current;
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing the listening connection", e);
      }
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
