package com.coaching.exports.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.testkit.ApiClient;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The web page's files are served at / to anyone; the API behind it still wants a token. */
@ApiTest
class WebPageFilesTest {

    @Value("${local.server.port}")
    int port;

    ApiClient anyone;

    @BeforeEach
    void noToken() {
        anyone = new ApiClient(URI.create("http://localhost:" + port), null);
    }

    @Test
    void the_page_and_its_script_and_styles_load_without_a_token() {
        var page = anyone.get("/");
        var script = anyone.get("/app.js");
        var styles = anyone.get("/app.css");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"app.js\" defer></script>", "Content-Security-Policy");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).contains("javascript");
        assertThat(styles.status()).isEqualTo(200);
        assertThat(styles.contentType()).startsWith("text/css");
    }

    @Test
    void the_api_behind_the_page_still_answers_401_without_a_token() {
        var list = anyone.get("/api/v1/exports");

        assertThat(list.status()).isEqualTo(401);
        assertThat(list.contentType()).isEqualTo("application/problem+json");
    }
}
