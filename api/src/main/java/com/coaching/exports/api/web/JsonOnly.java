package com.coaching.exports.api.web;

import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API speaks JSON only: no XML, YAML, CBOR or Smile converter, whatever a library brings onto the
 * classpath (the test classpath has an XML one), so an {@code Accept} header cannot turn a job or a
 * problem into another format. Operations that answer JSON say {@code produces = application/json};
 * any other {@code Accept} gets 406.
 */
@Configuration(proxyBeanMethods = false)
class JsonOnly implements WebMvcConfigurer {

    private static final Set<String> OTHER_FORMATS =
            Set.of("xml", "yaml", "x-yaml", "cbor", "x-jackson-smile", "smile");

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> converters.removeIf(JsonOnly::speaksAnotherFormat));
    }

    private static boolean speaksAnotherFormat(HttpMessageConverter<?> converter) {
        return converter.getSupportedMediaTypes().stream()
                .anyMatch(type -> OTHER_FORMATS.contains(type.getSubtype())
                        || OTHER_FORMATS.stream()
                                .anyMatch(format -> type.getSubtype().endsWith("+" + format)));
    }
}
