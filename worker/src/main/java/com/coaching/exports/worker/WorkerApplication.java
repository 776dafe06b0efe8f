package com.coaching.exports.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The worker: consumes export requests and turns each into a CSV file in the object store. */
@SpringBootApplication(
        scanBasePackages = {"com.coaching.exports.worker", "com.coaching.exports.shared"},
        // The worker has no users: its actuator (health, prometheus) answers without a token, as in its image. Where
        // it shares the API's classpath (the run command), Spring Security would otherwise guard every path with a
        // generated password, and Prometheus's scrape would get 401. Names, as the worker's own classpath lacks them.
        excludeName = {
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"
        })
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
