package com.coaching.exports.worker.webhook;

import com.coaching.exports.shared.webhook.WebhookNetwork;
import com.coaching.exports.shared.webhook.WebhookProperties;
import com.coaching.exports.worker.webhook.DeliveryOutcome.Answered;
import com.coaching.exports.worker.webhook.DeliveryOutcome.NoAnswer;
import com.coaching.exports.worker.webhook.DeliveryOutcome.Refused;
import com.coaching.exports.worker.webhook.WebhookOutbox.Attempt;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Posts one signed event and says how it went. The connection goes only to addresses {@link
 * GuardedDns} passed; no redirect is followed; the whole try is cut off at the timeout; at most 4 KiB
 * of the answer is read, then the connection is dropped.
 */
@Component
class WebhookSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    static final int MAX_BODY_BYTES = 4096;

    private final CloseableHttpClient http;
    private final WebhookNetwork network;
    private final WebhookProperties settings;
    private final Clock clock;
    /** Cuts a try off at its deadline, however slowly the endpoint drips its answer. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-deadline");
        thread.setDaemon(true);
        return thread;
    });

    WebhookSender(WebhookNetwork network, WebhookProperties settings, Clock clock) {
        this.network = network;
        this.settings = settings;
        this.clock = clock;
        Timeout timeout = Timeout.of(settings.timeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDns(network.allowPrivateNetworks()))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(timeout)
                                .build())
                        .setMaxConnTotal(settings.concurrency())
                        .setMaxConnPerRoute(settings.concurrency())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("coaching-exports-webhooks/1")
                .build();
    }

    /** One try of {@code body} as message {@code messageId} to {@code url}, signed with {@code secret}. */
    Attempt send(String url, String secret, String messageId, String body) {
        Instant start = clock.instant();
        long started = System.nanoTime();
        Optional<String> refusal = network.refusal(url);
        if (refusal.isPresent()) {
            return new Attempt(start, new Refused("the URL " + refusal.get()), 0);
        }
        long timestamp = start.getEpochSecond();
        HttpPost post = new HttpPost(url);
        post.setHeader("webhook-id", messageId);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", Signature.sign(secret, messageId, timestamp, body));
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        ScheduledFuture<?> deadline =
                deadlines.schedule(post::cancel, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            ClassicHttpResponse response = http.executeOpen(null, post, null);
            try {
                readCapped(response);
                return new Attempt(start, new Answered(response.getCode()), millisSince(started));
            } finally {
                post.cancel(); // drop the connection rather than read the rest of the answer
                closeQuietly(response);
            }
        } catch (AddressRefused e) {
            // the address for the operator's eyes only: the trainer sees that it was refused, not what it was
            log.info(
                    "webhook address refused message={} address={} reason=\"{}\"",
                    messageId,
                    e.address().getHostAddress(),
                    e.reason());
            return new Attempt(
                    start,
                    new Refused(Objects.requireNonNull(e.getMessage(), "AddressRefused names the host")),
                    millisSince(started));
        } catch (IOException | RuntimeException e) {
            String why = post.isCancelled()
                            && millisSince(started) >= settings.timeout().toMillis()
                    ? "timeout: no answer within " + settings.timeout().toSeconds() + " s"
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            return new Attempt(start, new NoAnswer(why), millisSince(started));
        } finally {
            deadline.cancel(false);
        }
    }

    private static void readCapped(ClassicHttpResponse response) throws IOException {
        if (response.getEntity() == null) {
            return;
        }
        InputStream content = response.getEntity().getContent();
        if (content != null) {
            // read so the endpoint can finish its answer; never kept or logged
            content.readNBytes(new byte[MAX_BODY_BYTES], 0, MAX_BODY_BYTES);
        }
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            // the connection was dropped on purpose
        }
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }
}
