package io.fluxrp.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT as a request to stop. Handling them, rather than only a shutdown hook, lets
 * {@code serve} stop the server on its main thread and exit 0 (the JVM's own handling exits 143).
 * Uses {@code sun.misc.Signal} (module jdk.unsupported) reflectively, which keeps the build free of
 * proprietary-API warnings; where it is unavailable, the shutdown hook still stops the server.
 */
final class Signals {
  private Signals() {}

  /** Runs {@code action} on SIGTERM and on SIGINT (Ctrl-C). */
  static void onTermination(Runnable action) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
        Constructor<?> signal = signalClass.getConstructor(String.class);
        Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
        Object handler =
            Proxy.newProxyInstance(
                Signals.class.getClassLoader(),
                new Class<?>[] {handlerClass},
                (proxy, method, args) -> {
                  if (method.getName().equals("handle")) {
                    action.run();
                    return null;
                  }
                  return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fluxrp stop on SIG" + name;
                    default -> null;
                  };
                });
        handle.invoke(null, signal.newInstance(name), handler);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        LoggerFactory.getLogger(Signals.class).debug("cannot handle SIG{}: {}", name, e.toString());
      }
    }
  }
}
