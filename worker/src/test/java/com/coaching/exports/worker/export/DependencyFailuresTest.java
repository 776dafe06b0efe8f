package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.worker.dependency.Dependency;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class DependencyFailuresTest {

    @Test
    void a_store_that_cannot_be_reached_or_answers_5xx_408_or_429_is_down_for_a_moment() {
        assertThat(DependencyFailures.downIn(SdkClientException.create("refused", new ConnectException())))
                .contains(Dependency.STORE);
        assertThat(DependencyFailures.downIn(ApiCallTimeoutException.create(60_000)))
                .contains(Dependency.STORE);
        for (int status : new int[] {500, 502, 503, 408, 429}) {
            assertThat(DependencyFailures.downIn(s3(status))).as("%d", status).contains(Dependency.STORE);
        }
    }

    @Test
    void a_request_the_client_could_not_even_make_is_no_outage() {
        assertThat(DependencyFailures.downIn(
                        SdkClientException.create("Unable to marshall request to JSON: host must not be null.")))
                .isEmpty();
    }

    @Test
    void a_store_that_refuses_access_or_has_no_such_bucket_is_no_outage() {
        assertThat(DependencyFailures.downIn(s3(403))).isEmpty();
        assertThat(DependencyFailures.downIn(s3(404))).isEmpty();
        assertThat(DependencyFailures.downIn(s3(400))).isEmpty();
    }

    @Test
    void a_lost_connection_of_the_copy_is_the_source_and_one_of_springs_calls_is_the_service_database() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");

        assertThat(DependencyFailures.downIn(lost)).contains(Dependency.SOURCE);
        assertThat(DependencyFailures.downIn(new DataAccessResourceFailureException("gone", lost)))
                .contains(Dependency.DATABASE);
    }

    @Test
    void a_statement_the_database_refused_is_no_outage() {
        assertThat(DependencyFailures.downIn(new SQLException("syntax error", "42601")))
                .isEmpty();
        assertThat(DependencyFailures.downIn(new DataIntegrityViolationException("duplicate")))
                .isEmpty();
        assertThat(DependencyFailures.downIn(new IllegalStateException("a bug")))
                .isEmpty();
    }

    private static S3Exception s3(int status) {
        return (S3Exception)
                S3Exception.builder().statusCode(status).message("injected").build();
    }
}
