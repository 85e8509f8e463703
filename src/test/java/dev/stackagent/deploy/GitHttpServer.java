package dev.stackagent.deploy;

import java.lang.reflect.Constructor;
import java.nio.file.Path;

/**
 * The source package's {@code GitHttpBackendServer} (real {@code git http-backend} behind HTTP basic
 * auth), reached from this package without widening its visibility in the source tests.
 */
final class GitHttpServer implements AutoCloseable {
    private final Object server;

    GitHttpServer(Path projectRoot, String username, String password) throws Exception {
        Class<?> type = Class.forName("dev.stackagent.source.GitHttpBackendServer");
        Constructor<?> c = type.getDeclaredConstructor(Path.class, String.class, String.class);
        c.setAccessible(true);
        Object s = c.newInstance(projectRoot, username, password);
        var start = type.getDeclaredMethod("start");
        start.setAccessible(true);
        server = start.invoke(s);
    }

    String urlOf(String path) throws Exception {
        var m = server.getClass().getDeclaredMethod("urlOf", String.class);
        m.setAccessible(true);
        return (String) m.invoke(server, path);
    }

    static boolean gitIsInstalled() {
        try {
            return new ProcessBuilder("git", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        var m = server.getClass().getDeclaredMethod("close");
        m.setAccessible(true);
        m.invoke(server);
    }
}
