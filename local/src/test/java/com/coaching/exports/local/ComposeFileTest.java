package com.coaching.exports.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.link.LinkProperties;
import com.coaching.exports.shared.messaging.ExportMessages;
import com.coaching.exports.shared.source.SourceProperties;
import com.coaching.exports.shared.storage.StorageProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * There is no Docker engine here: the compose file's shape, settings, published ports and secrets are checked
 * against the code, .env.example and the RabbitMQ definitions.
 */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** ${NAME}, ${NAME:?message}, ${NAME:-default}: group 1 the name, group 2 the rest. */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)}");

    @Test
    void the_stack_has_every_production_part() throws IOException {
        assertThat(services().keySet())
                .contains("postgres", "rabbitmq", "minio", "minio-init", "mailpit", "api", "worker", "prometheus");
    }

    @Test
    void api_and_worker_are_built_from_the_repositorys_dockerfile_each_for_its_own_module() throws IOException {
        for (String module : List.of("api", "worker")) {
            Map<String, Object> build = map(service(module).get("build"));
            assertThat(build.get("context")).isEqualTo(".");
            assertThat(build.get("dockerfile"))
                    .as("the root Dockerfile, Docker's default")
                    .isNull();
            assertThat(map(build.get("args"))).containsEntry("MODULE", module);
        }
        assertThat(Files.readString(ROOT.resolve("Dockerfile")))
                .contains("-pl ${MODULE} ")
                .contains("/src/${MODULE}/target/${MODULE}-*-exec.jar");
    }

    @Test
    void api_and_worker_settings_bind_to_what_the_code_reads() throws IOException {
        for (String module : List.of("api", "worker")) {
            Binder binder = binderFor(environment(module));

            StorageProperties storage = binder.bindOrCreate("exports.storage", StorageProperties.class);
            assertThat(storage.endpoint()).isEqualTo(URI.create("http://minio:9000"));
            assertThat(storage.presignEndpoint()).isEqualTo(URI.create("http://localhost:9000"));
            assertThat(storage.bucket()).isEqualTo("exports");
            assertThat(storage.accessKey()).isEqualTo(environment("minio").get("MINIO_ROOT_USER"));
            assertThat(storage.secretKey()).isEqualTo(environment("minio").get("MINIO_ROOT_PASSWORD"));
            assertThat(storage.pathStyleAccess()).isTrue();
            assertThat(binder.bind("spring.datasource.url", String.class).get())
                    .isEqualTo("jdbc:postgresql://postgres:5432/exports");
            SourceProperties source = binder.bindOrCreate("exports.source", SourceProperties.class);
            assertThat(source.migrate())
                    .as("the demo stack creates the platform's tables")
                    .isTrue();
            assertThat(source.separate()).isFalse();
            assertThat(binder.bind("spring.datasource.password", String.class).get())
                    .isEqualTo(environment("postgres").get("POSTGRES_PASSWORD"));
            assertThat(binder.bind("spring.rabbitmq.host", String.class).get()).isEqualTo("rabbitmq");
            assertThat(binder.bind("spring.mail.host", String.class).get()).isEqualTo("mailpit");
            LinkProperties links = binder.bindOrCreate("exports.links", LinkProperties.class);
            assertThat(links.secret()).isEqualTo(SAMPLE_ENV.get("EXPORTS_LINKS_SECRET"));
            assertThat(links.baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
        }
        assertThat(environment("api")).containsEntry("EXPORTS_JWT_SECRET", SAMPLE_ENV.get("EXPORTS_JWT_SECRET"));
        for (String module : List.of("api", "worker")) {
            assertThat(environment(module)).doesNotContainKey("EXPORTS_ALLOW_DEV_SECRETS");
        }
    }

    @Test
    void every_secret_comes_from_env_and_none_has_a_default() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        Matcher variable = VARIABLE.matcher(compose);
        Set<String> variables = new HashSet<>();
        while (variable.find()) {
            variables.add(variable.group(1));
            // ${VAR:?message}: compose stops when .env lacks it; ${VAR:-default} or ${VAR-default} would carry one
            assertThat(variable.group(2))
                    .as("${" + variable.group(1) + "…} must be required, ${VAR:?message}")
                    .startsWith(":?");
        }
        Set<String> secrets = new HashSet<>();
        for (var service : rawServices().entrySet()) {
            Map<String, Object> environment = map(map(service.getValue()).getOrDefault("environment", Map.of()));
            environment.forEach((key, value) -> {
                if (key.matches(".*(SECRET|PASSWORD).*")) {
                    secrets.add(key);
                    assertThat(String.valueOf(value))
                            .as(service.getKey() + " " + key)
                            .matches("\\$\\{[A-Z_]+:\\?.*}");
                }
            });
        }
        // the loops above check what they find: they must have found the secrets there are
        assertThat(variables)
                .contains(
                        "POSTGRES_PASSWORD",
                        "MINIO_ROOT_PASSWORD",
                        "RABBITMQ_PASSWORD",
                        "EXPORTS_JWT_SECRET",
                        "EXPORTS_LINKS_SECRET");
        assertThat(secrets)
                .contains(
                        "POSTGRES_PASSWORD",
                        "MINIO_ROOT_PASSWORD",
                        "RABBITMQ_PASSWORD",
                        "SPRING_RABBITMQ_PASSWORD",
                        "EXPORTS_JWT_SECRET");
    }

    @Test
    void the_brokers_definitions_are_written_at_its_start_with_the_password_from_env_and_none_is_in_the_repository()
            throws Exception {
        Path template = ROOT.resolve("deploy/rabbitmq/definitions.template.json");
        JsonNode user = JsonMapper.builder()
                .build()
                .readTree(template.toFile())
                .get("users")
                .get(0);
        assertThat(user.get("password").asString()).isEqualTo("@RABBITMQ_PASSWORD@");
        Path written = Files.createTempFile("definitions", ".json");

        Process start = startScript(template, written, "Zm9vYmFy+/=1").start();
        String said = output(start);

        assertThat(start.waitFor()).as(said).isZero();
        assertThat(said).isEqualTo("started\n");
        JsonNode definitions = JsonMapper.builder().build().readTree(written.toFile());
        assertThat(definitions.get("users").get(0).get("password").asString()).isEqualTo("Zm9vYmFy+/=1");
        assertThat(definitions.get("queues"))
                .isEqualTo(
                        JsonMapper.builder().build().readTree(template.toFile()).get("queues"));
        Process quoted = startScript(template, written, "a\"b").start();
        assertThat(output(quoted)).doesNotContain("started");
        assertThat(quoted.waitFor()).isNotZero();
        ProcessBuilder missing = startScript(template, written, "");
        missing.environment().remove("RABBITMQ_PASSWORD");
        Process none = missing.start();
        assertThat(output(none)).contains("set RABBITMQ_PASSWORD");
        assertThat(none.waitFor()).isNotZero();
    }

    /** deploy/rabbitmq/start.sh as the broker's container runs it, then {@code echo started} for its command. */
    private static ProcessBuilder startScript(Path template, Path definitions, String password) {
        ProcessBuilder start = new ProcessBuilder(
                        "/bin/sh", ROOT.resolve("deploy/rabbitmq/start.sh").toString(), "echo", "started")
                .redirectErrorStream(true);
        start.environment().put("TEMPLATE", template.toString());
        start.environment().put("DEFINITIONS", definitions.toString());
        start.environment().put("RABBITMQ_PASSWORD", password);
        return start;
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void env_example_names_every_variable_compose_reads_and_fills_in_none() throws IOException {
        Map<String, String> example = envExample();
        Matcher variable = VARIABLE.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
        List<String> used = new ArrayList<>();
        while (variable.find()) {
            used.add(variable.group(1));
        }

        assertThat(used).isNotEmpty();
        assertThat(example.keySet()).containsAll(used);
        assertThat(example.values()).allSatisfy(value -> assertThat(value).isEmpty());
        assertThat(Files.readString(ROOT.resolve(".gitignore")).lines()).contains(".env");
        assertThat(Files.readString(ROOT.resolve(".dockerignore")).lines()).contains(".env");
    }

    @Test
    void only_the_apis_port_is_published_beyond_this_machine_and_no_database_broker_or_actuator_port_at_all()
            throws IOException {
        assertThat(ports("api")).containsExactly("8080:8080");
        assertThat(ports("postgres")).isEmpty();
        assertThat(ports("worker")).isEmpty();
        for (String service : services().keySet()) {
            for (String port : ports(service)) {
                String container = port.substring(port.lastIndexOf(':') + 1);
                assertThat(container)
                        .as(service + " publishes " + port)
                        .isNotIn("5432", "5672", "8081", "8082", "1025");
                if (!service.equals("api")) {
                    assertThat(port).as(service + " publishes " + port).startsWith("127.0.0.1:");
                }
            }
        }
    }

    @Test
    void two_workers_share_the_queues() throws IOException {
        assertThat(map(service("worker").get("deploy")).get("replicas")).isEqualTo(2);
        assertThat(service("worker")).doesNotContainKey("container_name");
    }

    @Test
    void rabbitmq_makes_the_export_queues_quorum_queues_and_dead_letters_them_by_policy() throws IOException {
        JsonNode definitions = JsonMapper.builder()
                .build()
                .readTree(ROOT.resolve("deploy/rabbitmq/definitions.template.json")
                        .toFile());

        // the vhost's default type: the services declare the queues without x- arguments (the embedded broker
        // refuses them), and RabbitMQ takes such a declaration as the quorum queue that exists
        assertThat(definitions.get("vhosts")).singleElement().satisfies(vhost -> {
            assertThat(vhost.get("name").asString()).isEqualTo("/");
            assertThat(vhost.get("default_queue_type").asString()).isEqualTo("quorum");
            assertThat(vhost.get("metadata").get("default_queue_type").asString())
                    .isEqualTo("quorum");
        });
        for (String queue :
                new String[] {ExportMessages.QUEUE, ExportMessages.BULK_QUEUE, ExportMessages.QUEUE + ".dead"}) {
            assertThat(definitions
                            .get("queues")
                            .valueStream()
                            .filter(q -> q.get("name").asString().equals(queue)))
                    .singleElement()
                    .satisfies(q -> assertThat(
                                    q.get("arguments").get("x-queue-type").asString())
                            .isEqualTo("quorum"));
        }
        JsonNode policy = definitions
                .get("policies")
                .valueStream()
                .filter(p -> p.get("definition").has("dead-letter-exchange"))
                .findFirst()
                .orElseThrow();
        assertThat(ExportMessages.QUEUE).matches(policy.get("pattern").asString());
        assertThat(ExportMessages.BULK_QUEUE).matches(policy.get("pattern").asString());
        assertThat(ExportMessages.QUEUE + ".dead")
                .doesNotMatch(policy.get("pattern").asString());
        assertThat(policy.get("apply-to").asString()).isIn("queues", "quorum_queues");
        // a quorum queue drops a message after 20 deliveries by default; a worker requeues while the database is
        // down, so the job's message must outlast any outage (one policy applies to a queue: both keys here)
        assertThat(policy.get("definition").get("delivery-limit").asInt()).isEqualTo(-1);
        String deadLetterExchange =
                policy.get("definition").get("dead-letter-exchange").asString();
        assertThat(definitions
                        .get("exchanges")
                        .valueStream()
                        .map(e -> e.get("name").asString()))
                .contains(ExportMessages.EXCHANGE, deadLetterExchange);
    }

    @Test
    void prometheus_scrapes_every_api_and_worker_on_its_actuator_port_and_loads_the_alerts() throws IOException {
        Map<String, Object> prometheus = service("prometheus");
        assertThat(String.valueOf(prometheus.get("image")))
                .as("a pinned version")
                .matches("prom/prometheus:v\\d+\\.\\d+\\.\\d+");
        assertThat(ports("prometheus")).containsExactly("127.0.0.1:9090:9090");
        Map<String, String> mounted = mounts(prometheus);
        assertThat(mounted).containsEntry("/etc/prometheus/prometheus.yml", "./deploy/prometheus/prometheus.yml");
        assertThat(String.join(" ", strings(prometheus.get("command"))))
                .contains("--config.file=/etc/prometheus/prometheus.yml");

        Map<String, Object> config =
                new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml")));
        // a rule file is found beside the configuration: in the container, the file mounted there
        assertThat(strings(config.get("rule_files"))).containsExactly("alerts.yml");
        assertThat(mounted).containsEntry("/etc/prometheus/alerts.yml", "./deploy/prometheus/alerts.yml");

        Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
        for (Object job : (List<?>) config.get("scrape_configs")) {
            jobs.put(String.valueOf(map(job).get("job_name")), map(job));
        }
        assertThat(jobs.keySet()).containsExactlyInAnyOrder("exports-api", "exports-worker");
        assertScrapes(
                jobs.get("exports-api"),
                "api",
                setting("api/src/main/resources/api.yml", "management", "server", "port"));
        assertScrapes(
                jobs.get("exports-worker"),
                "worker",
                setting("worker/src/main/resources/worker.yml", "server", "port"));
        for (String module : List.of("api", "worker")) {
            assertThat(environment(module)).doesNotContainKeys("SERVER_PORT", "MANAGEMENT_SERVER_PORT");
        }
    }

    /** Every container of {@code service} (compose's DNS names each replica), on {@code port}, at the actuator. */
    private static void assertScrapes(Map<String, Object> job, String service, Object port) throws IOException {
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(job).doesNotContainKey("static_configs");
        Map<String, Object> dns = map(((List<?>) job.get("dns_sd_configs")).get(0));
        assertThat(strings(dns.get("names"))).containsExactly(service);
        assertThat(services()).containsKey(service);
        assertThat(dns.get("type")).isEqualTo("A");
        assertThat(dns.get("port")).as(service + "'s actuator port").isEqualTo(port);
    }

    /** A setting of a module's own settings file, as the image runs it unless the environment says otherwise. */
    private static Object setting(String file, String... path) throws IOException {
        Object value = new Yaml().load(Files.readString(ROOT.resolve(file)));
        for (String key : path) {
            value = map(value).get(key);
        }
        return value;
    }

    /** A service's bind mounts: where in the container, from where in the repository. */
    private static Map<String, String> mounts(Map<String, Object> service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (String volume : strings(service.get("volumes"))) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith("./")) {
                assertThat(ROOT.resolve(parts[0])).as(volume).isRegularFile();
                assertThat(parts).as(volume + " read-only").hasSize(3).endsWith("ro");
                mounts.put(parts[1], parts[0]);
            }
        }
        return mounts;
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    /** .env.example's variables with a sample value each, as a filled-in .env would give them. */
    static final Map<String, String> SAMPLE_ENV = sampleEnv();

    private static Map<String, String> sampleEnv() {
        try {
            Map<String, String> sample = new LinkedHashMap<>();
            envExample()
                    .keySet()
                    .forEach(name -> sample.put(name, "sample-" + name.toLowerCase() + "-0123456789abcdef"));
            return sample;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> envExample() throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                variables.put(
                        line.substring(0, line.indexOf('=')).strip(),
                        line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return variables;
    }

    private static List<String> ports(String service) throws IOException {
        Object ports = service(service).get("ports");
        return ports == null
                ? List.of()
                : ((List<?>) ports).stream().map(String::valueOf).toList();
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

    /** The services as compose runs them: each ${VAR…} replaced by its value in a filled-in .env. */
    private static Map<String, Object> services() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        Matcher variable = VARIABLE.matcher(compose);
        StringBuilder interpolated = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(
                    interpolated, Matcher.quoteReplacement(SAMPLE_ENV.getOrDefault(variable.group(1), "")));
        }
        variable.appendTail(interpolated);
        Map<String, Object> parsed = new Yaml().load(interpolated.toString());
        return map(parsed.get("services"));
    }

    private static Map<String, Object> rawServices() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return map(compose.get("services"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
