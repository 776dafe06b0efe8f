package com.coaching.exports.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.link.LinkProperties;
import com.coaching.exports.shared.messaging.ExportMessages;
import com.coaching.exports.shared.source.SourceProperties;
import com.coaching.exports.shared.storage.StorageProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** There is no Docker engine here: the compose file's shape and settings are checked against the code. */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void the_stack_has_every_production_part() throws IOException {
        assertThat(services().keySet()).contains("postgres", "rabbitmq", "minio", "minio-init", "mailpit", "api",
                "worker");
    }

    @Test
    void api_and_worker_are_built_from_the_repositorys_dockerfiles_of_their_own_module() throws IOException {
        for (String module : List.of("api", "worker")) {
            Map<String, Object> build = map(service(module).get("build"));
            Path dockerfile = ROOT.resolve((String) build.get("dockerfile"));
            assertThat(build.get("context")).isEqualTo(".");
            assertThat(dockerfile).exists();
            assertThat(Files.readString(dockerfile)).contains("-pl " + module + " ")
                    .contains("/src/" + module + "/target/" + module + "-*-exec.jar");
        }
    }

    @Test
    void api_and_worker_settings_bind_to_what_the_code_reads() throws IOException {
        for (String module : List.of("api", "worker")) {
            Binder binder = binderFor(environment(module));

            StorageProperties storage = binder.bindOrCreate("exports.storage", StorageProperties.class);
            assertThat(storage.endpoint()).isEqualTo(URI.create("http://minio:9000"));
            assertThat(storage.presignEndpoint()).isEqualTo(URI.create("http://localhost:9000"));
            assertThat(storage.bucket()).isEqualTo("exports");
            assertThat(storage.accessKey()).isEqualTo(map(service("minio").get("environment")).get("MINIO_ROOT_USER"));
            assertThat(storage.secretKey()).isEqualTo(map(service("minio").get("environment")).get("MINIO_ROOT_PASSWORD"));
            assertThat(storage.pathStyleAccess()).isTrue();
            assertThat(binder.bind("spring.datasource.url", String.class).get())
                    .isEqualTo("jdbc:postgresql://postgres:5432/exports");
            SourceProperties source = binder.bindOrCreate("exports.source", SourceProperties.class);
            assertThat(source.migrate()).as("the demo stack creates the platform's tables").isTrue();
            assertThat(source.separate()).isFalse();
            assertThat(binder.bind("spring.rabbitmq.host", String.class).get()).isEqualTo("rabbitmq");
            assertThat(binder.bind("spring.mail.host", String.class).get()).isEqualTo("mailpit");
            LinkProperties links = binder.bindOrCreate("exports.links", LinkProperties.class);
            assertThat(links.secret()).isNotBlank();
            assertThat(links.baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
        }
        assertThat(environment("api")).containsKey("EXPORTS_JWT_SECRET");
    }

    @Test
    void rabbitmq_dead_letters_both_export_queues_by_policy() throws IOException {
        JsonNode definitions = JsonMapper.builder().build()
                .readTree(ROOT.resolve("deploy/rabbitmq/definitions.json").toFile());

        JsonNode policy = definitions.get("policies").get(0);
        assertThat(ExportMessages.QUEUE).matches(policy.get("pattern").asString());
        assertThat(ExportMessages.BULK_QUEUE).matches(policy.get("pattern").asString());
        assertThat(ExportMessages.QUEUE + ".dead").doesNotMatch(policy.get("pattern").asString());
        String deadLetterExchange = policy.get("definition").get("dead-letter-exchange").asString();
        assertThat(definitions.get("exchanges").valueStream().map(e -> e.get("name").asString()))
                .contains(ExportMessages.EXCHANGE, deadLetterExchange);
        for (String queue : new String[] {ExportMessages.QUEUE, ExportMessages.BULK_QUEUE}) {
            assertThat(definitions.get("queues").valueStream().filter(q -> q.get("name").asString().equals(queue)))
                    .singleElement().satisfies(q -> assertThat(q.get("arguments").isEmpty()).isTrue());
        }
    }

    private static Binder binderFor(Map<String, Object> variables) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("compose", variables));
        return new Binder(ConfigurationPropertySources.from(environment.getPropertySources()));
    }

    private static Map<String, Object> environment(String service) throws IOException {
        return map(service(service).get("environment"));
    }

    private static Map<String, Object> service(String name) throws IOException {
        return map(services().get(name));
    }

    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return map(compose.get("services"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
