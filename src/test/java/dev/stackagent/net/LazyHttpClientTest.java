package dev.stackagent.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class LazyHttpClientTest {
    @Test
    void buildsTheClientOnFirstUseOnlyWithTheBuildersSettings() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            LazyHttpClient http = (LazyHttpClient) LazyHttpClient.of(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                    .followRedirects(HttpClient.Redirect.NEVER));
            assertThat(http.built()).isFalse();

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(http.built()).isTrue();
            assertThat(response.body()).isEqualTo("ok");
            assertThat(http.connectTimeout()).contains(Duration.ofSeconds(3));
            assertThat(http.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
            assertThat(http.sendAsync(response.request(), HttpResponse.BodyHandlers.ofString()).get().statusCode()).isEqualTo(200);
        } finally {
            server.stop(0);
        }
    }
}
