package dev.pacer.it.harness;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A real Redis server on loopback for tests: a Testcontainers Redis container when a Docker engine is reachable, else a
 * {@code redis-server} process on a free port of 127.0.0.1 without persistence. When neither is available the test
 * fails with a message that says what to install; it never falls back to a mock or skips.
 *
 * <p>{@link #kill} and {@link #restart} stop the server abruptly and start it again on the same port, for outage
 * tests. Not thread-safe.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final GenericContainer<?> container;
    private Process process;
    private Path logFile;

    private RedisServer(int port, GenericContainer<?> container) {
        this.port = port;
        this.container = container;
    }

    /** Starts a server, in a container when Docker is available, else as a local process. */
    public static RedisServer start() throws IOException, InterruptedException {
        if (dockerAvailable()) {
            GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379)
                    .withCommand("redis-server", "--save", "", "--appendonly", "no");
            container.start();
            return new RedisServer(container.getMappedPort(6379), container);
        }
        RedisServer server = new RedisServer(freePort(), null);
        server.startProcess();
        return server;
    }

    /** Returns {@code redis://127.0.0.1:<port>}, or the container's mapped address. */
    public String uri() {
        String host = container == null ? "127.0.0.1" : container.getHost();
        return "redis://" + host + ":" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the server at once, as a crash would, without saving anything. */
    public void kill() throws InterruptedException {
        if (container != null) {
            container.getDockerClient().killContainerCmd(container.getContainerId()).exec();
            return;
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the server again on the same port, empty, and waits until it replies to PING. */
    public void restart() throws IOException, InterruptedException {
        if (container != null) {
            container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
            awaitPing();
            return;
        }
        startProcess();
    }

    @Override
    public void close() {
        if (container != null) {
            container.stop();
        } else if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        String executable = findRedisServer();
        if (logFile == null) {
            logFile = Files.createTempFile("redis-" + port + "-", ".log");
        }
        List<String> command = List.of(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        awaitPing();
    }

    private void awaitPing() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": "
                        + Files.readString(logFile));
            }
            if (pings()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("Redis on port " + port + " did not answer PING within " + START_TIMEOUT);
    }

    private boolean pings() {
        String host = container == null ? "127.0.0.1" : container.getHost();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            socket.setSoTimeout(500);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[7];
            int read = socket.getInputStream().read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String findRedisServer() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(directory, "redis-server");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        for (String path : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (new File(path).canExecute()) {
                return path;
            }
        }
        throw new IllegalStateException("These tests need a real Redis: no Docker engine was reachable and redis-server "
                + "is not on the PATH. Install it, for example with apt-get install -y redis-server, or start "
                + "Docker.");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
