package com.coaching.exports.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.ApiApplication;
import com.coaching.exports.api.dataset.DatasetController;
import com.coaching.exports.api.security.SecurityConfiguration;
import com.coaching.exports.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The web page's files are served at / to anyone; the API behind it still wants a trainer's token.
 * Only the web layer and its security run here (a test slice): no database, broker or store is
 * involved in either, so the whole API would prove nothing more.
 */
@WebMvcTest(
        controllers = DatasetController.class,
        properties = {
            "spring.config.name=" + ApiApplication.CONFIG_NAME,
            "exports.embedded.enabled=false",
            "exports.jwt.secret=" + Tokens.SECRET
        })
@Import({SecurityConfiguration.class, ProblemWriter.class})
class WebPageFilesTest {

    @Autowired
    MockMvcTester mvc;

    @Test
    void the_page_and_its_script_and_styles_load_without_a_token() {
        MvcTestResult root = mvc.get().uri("/").exchange();
        MvcTestResult page = mvc.get().uri("/index.html").exchange();
        MvcTestResult script = mvc.get().uri("/app.js").exchange();
        MvcTestResult styles = mvc.get().uri("/app.css").exchange();

        assertThat(root).hasStatusOk().hasForwardedUrl("index.html"); // the welcome page
        assertThat(page).hasStatusOk().hasContentTypeCompatibleWith("text/html");
        assertThat(page).bodyText().contains("<script src=\"app.js\" defer></script>", "Content-Security-Policy");
        assertThat(script).hasStatusOk().hasContentTypeCompatibleWith("text/javascript");
        assertThat(styles).hasStatusOk().hasContentTypeCompatibleWith("text/css");
    }

    @Test
    void the_api_behind_the_page_answers_401_problem_without_a_token() {
        MvcTestResult datasets = mvc.get().uri("/api/v1/datasets").exchange();

        assertThat(datasets).hasStatus(401).hasContentType("application/problem+json");
        assertThat(datasets).headers().containsHeader(HttpHeaders.WWW_AUTHENTICATE);
    }

    @Test
    void the_api_behind_the_page_answers_a_trainers_token() {
        MvcTestResult datasets = mvc.get()
                .uri("/api/v1/datasets")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.trainer(Tokens.newTrainerId()))
                .exchange();

        assertThat(datasets).hasStatusOk();
        assertThat(datasets)
                .bodyJson()
                .extractingPath("$.datasets[*].id")
                .asArray()
                .contains("payments");
    }
}
