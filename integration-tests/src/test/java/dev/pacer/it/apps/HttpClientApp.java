package dev.pacer.it.apps;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Sends requests with the JDK's HttpClient to a server of its own on 127.0.0.1. The client returned by
 * HttpClient.newHttpClient() is a facade that delegates send to the implementation. Argument: requests.
 */
public final class HttpClientApp {

    private HttpClientApp() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            int ok = 0;
            for (int i = 0; i < requests; i++) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                ok += response.statusCode() == 200 ? 1 : 0;
            }
            System.out.println("ok=" + ok + " client=" + client.getClass().getName());
        } finally {
            server.stop(0);
        }
        AppSupport.doneAndAwaitExit();
    }
}
