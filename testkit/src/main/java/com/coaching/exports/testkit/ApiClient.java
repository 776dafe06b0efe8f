package com.coaching.exports.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a running API over real HTTP, as a client would; redirects are not followed. Every answer
 * from under {@code /api/} is checked against the API's own description ({@link ApiContract}).
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;
    private final @Nullable String token;
    private final boolean checked;

    public ApiClient(URI base, @Nullable String token) {
        this(base, token, true);
    }

    private ApiClient(URI base, @Nullable String token, boolean checked) {
        this.base = base;
        this.token = token;
        this.checked = checked;
    }

    /**
     * The same client without the check against the API's description: for the benchmark, where the
     * check cost more CPU than the client's requests did and would be counted as the service's.
     */
    public ApiClient unchecked() {
        return new ApiClient(base, token, false);
    }

    /** The API on this machine's {@code port}, calling with {@code token} ({@code null}: none). */
    public static ApiClient onPort(int port, @Nullable String token) {
        return new ApiClient(URI.create("http://localhost:" + port), token);
    }

    /** The API on this machine's {@code port}, as a trainer no other test knows. */
    public static ApiClient newTrainerOnPort(int port) {
        return onPort(port, Tokens.trainer(Tokens.newTrainerId()));
    }

    public ApiClient as(String otherToken) {
        return new ApiClient(base, otherToken, checked);
    }

    public Response post(String path, String json, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)));
    }

    public Response post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(BodyPublishers.ofByteArray(body)));
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any method, any headers (name, value, name, value...), exactly as given: no token or content type added. */
    public Response exchange(String method, String path, @Nullable String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.resolve("/") + path.substring(1)))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** Downloads what a (presigned) URL serves, with no token: the store must not need one. */
    public HttpResponse<byte[]> fetch(URI url) {
        try {
            return http.send(HttpRequest.newBuilder(url).GET().build(), BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        List<String> pairs = new ArrayList<>(List.of(headers));
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            builder.header(pairs.get(i), pairs.get(i + 1));
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        String path = request.uri().getRawPath();
        if (checked && path != null && path.startsWith("/api/")) {
            ApiContract.of(base).check(request.method(), request.uri(), response);
        }
        return new Response(response);
    }

    /** An HTTP answer with its body read as JSON where it is JSON. */
    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public @Nullable String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public @Nullable String contentType() {
            return header("Content-Type");
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String body() {
            return raw.body();
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
