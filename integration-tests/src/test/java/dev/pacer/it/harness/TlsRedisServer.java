package dev.pacer.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A {@code redis-server} that accepts TLS connections only, on a free loopback port, with a certificate authority
 * and server certificate for 127.0.0.1 that {@code openssl} creates, and a PKCS12 trust store holding that
 * authority for the JVMs that connect. Needs {@code redis-server} built with TLS, as Debian's is, and {@code openssl}.
 */
public final class TlsRedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final String TRUST_STORE_PASSWORD = "changeit";

    private final Path directory;
    private final int port;
    private final Process process;
    private final SSLContext clientContext;

    private TlsRedisServer(Path directory, int port, Process process, SSLContext clientContext) {
        this.directory = directory;
        this.port = port;
        this.process = process;
        this.clientContext = clientContext;
    }

    /** Creates the certificates and the trust store, starts the server and waits until it replies to PING over TLS. */
    public static TlsRedisServer start() throws Exception {
        Path directory = Files.createTempDirectory("redis-tls-");
        run(directory, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                "/CN=Pacer test CA", "-keyout", "ca.key", "-out", "ca.crt");
        run(directory, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout",
                "server.key", "-out", "server.csr");
        Files.writeString(directory.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
        run(directory, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.crt");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        run(directory, keytool.toString(), "-importcert", "-noprompt", "-alias", "pacer-test-ca", "-file", "ca.crt",
                "-keystore", "truststore.p12", "-storetype", "PKCS12", "-storepass", TRUST_STORE_PASSWORD);

        int port = freePort();
        List<String> command = List.of("redis-server", "--port", "0", "--tls-port", Integer.toString(port),
                "--bind", "127.0.0.1", "--tls-cert-file", "server.crt", "--tls-key-file", "server.key",
                "--tls-ca-cert-file", "ca.crt", "--tls-auth-clients", "no", "--save", "", "--appendonly", "no",
                "--daemonize", "no");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile()).start();
        TlsRedisServer server = new TlsRedisServer(directory, port, process, clientContext(directory));
        server.awaitPing();
        return server;
    }

    /** Returns {@code rediss://127.0.0.1:<port>}. */
    public String uri() {
        return "rediss://127.0.0.1:" + port;
    }

    /** Returns the JVM options that make a JVM trust the server's certificate authority. */
    public List<String> trustStoreOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + directory.resolve("truststore.p12"),
                "-Djavax.net.ssl.trustStorePassword=" + TRUST_STORE_PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    /** Sends one inline command over TLS and returns the first line of the reply, such as {@code :1}. */
    public String command(String line) throws IOException {
        try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            int next;
            while ((next = in.read()) >= 0 && next != '\r') {
                reply.append((char) next);
            }
            return reply.toString();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitPing() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("redis.log")));
            }
            try {
                if (command("PING").equals("+PONG")) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Redis with TLS on port " + port + " did not answer PING within "
                + START_TIMEOUT + ": " + Files.readString(directory.resolve("redis.log")));
    }

    private static SSLContext clientContext(Path directory) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(directory.resolve("truststore.p12"))) {
            trustStore.load(in, TRUST_STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(arguments).directory(directory.toFile()).redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", arguments) + " failed: "
                    + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
