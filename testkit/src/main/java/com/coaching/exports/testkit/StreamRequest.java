package com.coaching.exports.testkit;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** The GET that opens an event stream ({@link EventStream}): it returns once the answer's head arrived. */
final class StreamRequest {

    /** How long the answer's head may take: a stream that never starts fails the test rather than hang it. */
    static final Duration HEAD_TIMEOUT = Duration.ofSeconds(10);

    private StreamRequest() {}

    /** A client of its own: a stream's connection is never shared with, or queued behind, another's. */
    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(HEAD_TIMEOUT)
                .build();
    }

    /** GET {@code uri} for {@code text/event-stream} with the token and any headers (name, value, ...). */
    static HttpResponse<InputStream> send(HttpClient http, URI uri, @Nullable String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.sendAsync(request.build(), BodyHandlers.ofInputStream())
                    .get(HEAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no answer to GET " + uri.getRawPath() + " within " + HEAD_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
