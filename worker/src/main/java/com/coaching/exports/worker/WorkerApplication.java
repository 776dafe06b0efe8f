package com.coaching.exports.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The worker: consumes export requests and turns each into a CSV file in the object store. */
@SpringBootApplication(scanBasePackages = {"com.coaching.exports.worker", "com.coaching.exports.shared"})
@ConfigurationPropertiesScan("com.coaching.exports.worker")
@EnableScheduling
public class WorkerApplication {

    /** Its settings file, worker.yml: a name of its own, as api and worker share a classpath in the run command. */
    public static final String CONFIG_NAME = "worker";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(WorkerApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}
