package dev.pacer.agent.ratelimit;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster of three primaries, each a real {@code redis-server} process on a free loopback port, joined with
 * {@code redis-cli --cluster create}. It needs redis-server and redis-cli on the PATH, and fails with a message
 * saying so when they are missing.
 */
final class RedisClusterServer implements AutoCloseable {

    private static final int NODES = 3;
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private final Path directory;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private RedisClusterServer(Path directory) {
        this.directory = directory;
    }

    /** Starts the nodes, assigns the hash slots and waits until every node reports the cluster ok. */
    static RedisClusterServer start() throws IOException, InterruptedException {
        RedisClusterServer cluster = new RedisClusterServer(Files.createTempDirectory("redis-cluster-"));
        try {
            cluster.startNodes();
            cluster.createCluster();
            cluster.awaitClusterOk();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Returns one {@code redis://127.0.0.1:<port>} URI per node. */
    List<URI> uris() {
        List<URI> uris = new ArrayList<>();
        for (int port : ports) {
            uris.add(URI.create("redis://127.0.0.1:" + port));
        }
        return uris;
    }

    /** Removes the cached scripts on every node, as a restart or a failover to a fresh node would. */
    void flushScripts() throws IOException, InterruptedException {
        for (int port : ports) {
            String output = cli(port, "SCRIPT", "FLUSH");
            if (!output.trim().equals("OK")) {
                throw new IllegalStateException("SCRIPT FLUSH on 127.0.0.1:" + port + " failed: " + output);
            }
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startNodes() throws IOException {
        String server = executable("redis-server");
        for (int i = 0; i < NODES; i++) {
            int port = freePort();
            Path nodeDirectory = Files.createDirectories(directory.resolve(Integer.toString(port)));
            List<String> command = List.of(server, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--dir",
                    nodeDirectory.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(nodeDirectory.resolve("redis.log").toFile()).start();
            ports.add(port);
            processes.add(process);
        }
    }

    private void createCluster() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable("redis-cli"), "--cluster", "create"));
        for (int port : ports) {
            command.add("127.0.0.1:" + port);
        }
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));

        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        String output = "";
        while (System.currentTimeMillis() < deadline) {
            Process create = new ProcessBuilder(command).redirectErrorStream(true).start();
            output = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (create.waitFor(20, TimeUnit.SECONDS) && create.exitValue() == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("redis-cli --cluster create failed: " + output);
    }

    private void awaitClusterOk() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            boolean allOk = true;
            for (int port : ports) {
                allOk &= cli(port, "CLUSTER", "INFO").contains("cluster_state:ok");
            }
            if (allOk) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The cluster on ports " + ports + " did not reach cluster_state:ok within "
                + START_TIMEOUT_MILLIS + " ms");
    }

    private static String cli(int port, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable("redis-cli"), "-h", "127.0.0.1", "-p",
                Integer.toString(port)));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return output;
    }

    private static String executable(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(directory, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        File fallback = new File("/usr/bin", name);
        if (fallback.canExecute()) {
            return fallback.getPath();
        }
        throw new IllegalStateException("The Redis Cluster tests need " + name + " on the PATH. Install it, for "
                + "example with apt-get install -y redis-server, which brings redis-cli too.");
    }

    private static int freePort() throws IOException {
        // Cluster nodes also listen on port + 10000 for their bus, so both must be free.
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (port + 10_000 <= 65_535 && busPortFree(port + 10_000)) {
                    return port;
                }
            }
        }
        throw new IOException("no free loopback port with a free cluster bus port was found in 50 attempts");
    }

    private static boolean busPortFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }
}
