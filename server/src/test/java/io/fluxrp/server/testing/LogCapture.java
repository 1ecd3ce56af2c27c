package io.fluxrp.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of every logger, DEBUG and up, while it is open: SLF4J/logback (console output is
 * paused so the test output stays short) and java.util.logging (Helidon logs there unless bridged,
 * as {@code fluxrp serve} does). {@link #text()}: each event's formatted message, MDC and stack
 * trace.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Level level = root.getLevel();
  private final List<Appender<ILoggingEvent>> paused = new ArrayList<>();
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
  private final java.util.logging.Level julLevel = julRoot.getLevel();
  private final StringBuffer julText = new StringBuffer();
  private final java.util.logging.Handler julHandler =
      new java.util.logging.Handler() {
        private final java.util.logging.Formatter format = new java.util.logging.SimpleFormatter();

        @Override
        public void publish(java.util.logging.LogRecord record) {
          julText.append(format.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  public LogCapture() {
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      paused.add(it.next());
    }
    paused.forEach(root::detachAppender);
    events.start();
    root.addAppender(events);
    root.setLevel(Level.DEBUG);
    julHandler.setLevel(java.util.logging.Level.FINE);
    julRoot.addHandler(julHandler);
    julRoot.setLevel(java.util.logging.Level.FINE);
  }

  /** The events captured so far. */
  public List<ILoggingEvent> events() {
    synchronized (events) {
      return List.copyOf(events.list);
    }
  }

  /** All captured events as text: level, logger, message, MDC, stack trace with causes. */
  public String text() {
    StringBuilder text = new StringBuilder(julText);
    for (ILoggingEvent e : events()) {
      text.append(e.getLevel())
          .append(' ')
          .append(e.getLoggerName())
          .append(' ')
          .append(e.getFormattedMessage())
          .append(' ')
          .append(e.getMDCPropertyMap());
      if (e.getThrowableProxy() != null) {
        text.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
      }
      text.append('\n');
    }
    return text.toString();
  }

  @Override
  public void close() {
    julRoot.removeHandler(julHandler);
    julRoot.setLevel(julLevel);
    root.detachAppender(events);
    events.stop();
    root.setLevel(level);
    paused.forEach(root::addAppender);
  }
}
