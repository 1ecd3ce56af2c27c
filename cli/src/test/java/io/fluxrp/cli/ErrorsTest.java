package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

  @Test
  void joinsTheCauseChainWithoutRepeats() {
    Exception e =
        new IllegalStateException(
            "cannot open the store",
            new UncheckedIOException("lock", new IOException("lock held\nby pid 42")));

    assertThat(Errors.oneLine(e)).isEqualTo("cannot open the store: lock: lock held by pid 42");
    assertThat(Errors.oneLine(new RuntimeException(new IOException("disk full"))))
        .isEqualTo("java.io.IOException: disk full");
    assertThat(Errors.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
    assertThat(Errors.oneLine(new CliException("plain\nmessage", new IOException("x"))))
        .isEqualTo("plain message");
  }

  @Test
  void wrappersThatOnlyRepeatACauseAreLeftOut() {
    Exception h2 =
        new IllegalStateException(
            "Database may be already in use: \"db\"", new IOException("The file is locked: db"));
    Exception pool = new RuntimeException("Failed to initialize pool: " + h2.getMessage(), h2);
    Exception store = new IllegalStateException("cannot connect to the database", pool);

    assertThat(Errors.oneLine(store))
        .isEqualTo(
            "cannot connect to the database: Failed to initialize pool: Database may be already in"
                + " use: \"db\": The file is locked: db");
  }

  @Test
  void findsACause() {
    Exception e = new RuntimeException("start", new IOException(new BindException("in use")));

    assertThat(Errors.find(e, BindException.class)).map(Throwable::getMessage).hasValue("in use");
    assertThat(Errors.find(e, IllegalStateException.class)).isEmpty();
  }
}
