package com.coaching.exports.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Starts every stand-in the way an application does (Boot runs the post-processor from
 * spring.factories) and talks to each through Boot's auto-configured client or the AWS SDK.
 */
@SpringBootTest(
        classes = EmbeddedServicesTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.rabbitmq.publisher-confirm-type=correlated", "exports.storage.bucket=test-exports"})
class EmbeddedServicesTest {

    private static final String BUCKET = "test-exports";

    private static final HttpClient http = HttpClient.newHttpClient();

    private static S3Client s3;

    private static S3Presigner presigner;

    @Autowired
    private ConfigurableEnvironment environment;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ConnectionFactory rabbitConnectionFactory;

    @Autowired
    private RabbitTemplate rabbit;

    @Autowired
    private JavaMailSender mailSender;

    @BeforeAll
    static void s3Clients(@Autowired ConfigurableEnvironment environment) {
        URI endpoint = URI.create(environment.getRequiredProperty("exports.storage.endpoint"));
        Region region = Region.of(environment.getRequiredProperty("exports.storage.region"));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                environment.getRequiredProperty("exports.storage.access-key"),
                environment.getRequiredProperty("exports.storage.secret-key")));
        s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(environment.getRequiredProperty("exports.storage.path-style-access", Boolean.class))
                // s3proxy does not do the SDK's default flexible checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        presigner = S3Presigner.builder()
                .endpointOverride(URI.create(environment.getRequiredProperty("exports.storage.public-endpoint")))
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    @AfterAll
    static void closeS3Clients() {
        s3.close();
        presigner.close();
    }

    @Test
    void every_stand_in_is_started_once_and_its_settings_are_visible() {
        assertThat(EmbeddedServices.running()).hasSize(4);
        assertThat(environment.getPropertySources().contains(EmbeddedServicesPostProcessor.PROPERTY_SOURCE_NAME))
                .isTrue();
        assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://localhost:");
        assertThat(environment.getProperty("spring.rabbitmq.virtual-host")).isEqualTo("/");
        assertThat(environment.getProperty("exports.storage.bucket")).isEqualTo(BUCKET);
    }

    @Test
    void the_broker_and_the_store_run_on_threads_of_their_own_groups() {
        assertThat(Thread.getAllStackTraces().keySet().stream()
                        .map(Thread::getThreadGroup)
                        .filter(Objects::nonNull)
                        .map(ThreadGroup::getName))
                .contains(
                        EmbeddedServices.THREAD_GROUP_PREFIX + EmbeddedServices.BROKER,
                        EmbeddedServices.THREAD_GROUP_PREFIX + EmbeddedServices.STORE);
    }

    @Test
    void postgres_answers_select_1() {
        assertThat(jdbc.queryForObject("select 1", Integer.class)).isEqualTo(1);
    }

    @Test
    void the_broker_confirms_a_publish_and_delivers_it_for_a_manual_ack() throws Exception {
        RabbitAdmin admin = new RabbitAdmin(rabbitConnectionFactory);
        Queue queue = new Queue("embedded-test-" + UUID.randomUUID(), true, false, false);
        admin.declareQueue(queue);

        CorrelationData correlation = new CorrelationData();
        rabbit.convertAndSend("", queue.getName(), "hello", correlation);
        assertThat(correlation.getFuture().get(10, SECONDS).ack()).isTrue();

        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(rabbitConnectionFactory);
        container.setQueueNames(queue.getName());
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setMessageListener((ChannelAwareMessageListener) (message, channel) -> {
            received.add(new String(message.getBody(), UTF_8));
            channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
        });
        container.start();
        try {
            assertThat(received.poll(10, SECONDS)).isEqualTo("hello");
        } finally {
            container.stop();
        }
        // an unacked message would be back in the queue once the consumer's channel closed
        assertThat(admin.getQueueInfo(queue.getName()).getMessageCount()).isZero();
    }

    @Test
    void the_object_store_serves_a_presigned_get_with_the_requested_disposition() throws Exception {
        String key = "exports/" + UUID.randomUUID() + ".csv";
        s3.putObject(
                request -> request.bucket(BUCKET).key(key).contentType("text/csv"),
                RequestBody.fromString("id,name\n1,Ada\n"));

        HttpResponse<String> response = get(presignedGet(key, Duration.ofMinutes(5)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("id,name\n1,Ada\n");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"export.csv\"");
    }

    @Test
    void a_tampered_presigned_url_is_refused_with_403() throws Exception {
        String key = "exports/" + UUID.randomUUID() + ".csv";
        s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString("secret"));
        String url = presignedGet(key, Duration.ofMinutes(5)).toString();
        String otherLastDigit = url.endsWith("0") ? "1" : "0";

        HttpResponse<String> response = get(URI.create(url.substring(0, url.length() - 1) + otherLastDigit));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void an_expired_presigned_url_is_refused_with_403() throws Exception {
        String key = "exports/" + UUID.randomUUID() + ".csv";
        s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString("stale"));
        URI url = presignedGet(key, Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(get(url).statusCode()).isEqualTo(403));
    }

    @Test
    void a_multipart_upload_is_stored_as_one_object() {
        String key = "exports/" + UUID.randomUUID() + ".csv";
        byte[] firstPart = new byte[5 * 1024 * 1024]; // S3's minimum for every part but the last
        Arrays.fill(firstPart, (byte) 'a');
        String uploadId = s3.createMultipartUpload(
                        request -> request.bucket(BUCKET).key(key))
                .uploadId();
        String firstTag = s3.uploadPart(
                        request -> request.bucket(BUCKET)
                                .key(key)
                                .uploadId(uploadId)
                                .partNumber(1),
                        RequestBody.fromBytes(firstPart))
                .eTag();
        String secondTag = s3.uploadPart(
                        request -> request.bucket(BUCKET)
                                .key(key)
                                .uploadId(uploadId)
                                .partNumber(2),
                        RequestBody.fromString("tail"))
                .eTag();
        s3.completeMultipartUpload(request -> request.bucket(BUCKET)
                .key(key)
                .uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(
                        CompletedPart.builder().partNumber(1).eTag(firstTag).build(),
                        CompletedPart.builder().partNumber(2).eTag(secondTag).build())));

        assertThat(s3.headObject(request -> request.bucket(BUCKET).key(key)).contentLength())
                .isEqualTo(firstPart.length + 4L);
    }

    @Test
    void a_mail_sent_through_spring_is_received_by_greenmail() {
        String subject = "Your export is ready " + UUID.randomUUID();
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom("exports@coaching.example");
        mail.setTo("trainer@coaching.example");
        mail.setSubject(subject);
        mail.setText("Download it within 24 hours.");

        mailSender.send(mail);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                subjects(EmbeddedServices.mail().getReceivedMessagesForDomain("coaching.example")))
                        .contains(subject));
    }

    @Test
    void a_second_application_in_the_jvm_shares_the_stand_ins() {
        List<String> runningBefore = EmbeddedServices.running();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .run()) {
            for (String key : List.of(
                    "spring.datasource.url", "spring.rabbitmq.port", "exports.storage.endpoint", "spring.mail.port")) {
                assertThat(second.getEnvironment().getProperty(key)).as(key).isEqualTo(environment.getProperty(key));
            }
            assertThat(second.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class))
                    .isEqualTo(1);
        }
        assertThat(EmbeddedServices.running()).isEqualTo(runningBefore);
    }

    private URI presignedGet(String key, Duration validity) throws Exception {
        return presigner
                .presignGetObject(presign -> presign.signatureDuration(validity)
                        .getObjectRequest(request -> request.bucket(BUCKET)
                                .key(key)
                                .responseContentDisposition("attachment; filename=\"export.csv\"")))
                .url()
                .toURI();
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> subjects(MimeMessage[] messages) throws Exception {
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage message : messages) {
            subjects.add(message.getSubject());
        }
        return subjects;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}
}
