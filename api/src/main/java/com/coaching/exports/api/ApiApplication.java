package com.coaching.exports.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The HTTP API: accepts export requests, answers job state and hands out download links. */
@SpringBootApplication(scanBasePackages = {"com.coaching.exports.api", "com.coaching.exports.shared"})
@EnableScheduling
public class ApiApplication {

    /** Its settings file, api.yml: a name of its own, as api and worker share a classpath in the run command. */
    public static final String CONFIG_NAME = "api";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ApiApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}
