package com.coaching.exports.bench;

import com.coaching.exports.bench.PaymentCsv.Payment;
import com.coaching.exports.shared.dataset.Dataset;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.core.io.FileSystemResource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The peer: the payments export as a Java team would build it instead of this service, with Spring
 * Batch. A {@link JdbcCursorItemReader} (fetch size 5,000, in a transaction so PostgreSQL streams
 * the rows) → a {@link FlatFileItemWriter} writing the CSV of docs/api.md ({@link PaymentCsv}, CRLF)
 * into a local file → the file uploaded with the AWS SDK v2's multipart client. {@link #main} runs
 * it in a JVM of its own (the benchmark gives it the worker's {@code -Xmx128m}) and prints {@code
 * spring_batch_seconds}.
 */
public final class SpringBatchExport {

    static final int CHUNK = 5_000;

    private final DataSource dataSource;
    private final S3AsyncClient s3;
    private final String bucket;

    SpringBatchExport(DataSource dataSource, S3AsyncClient s3, String bucket) {
        this.dataSource = dataSource;
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Exports the trainer's payments created in [since, until] to {@code key}; returns the rows written. */
    long export(long trainer, Instant since, Instant until, String key) throws Exception {
        Path file = Files.createTempFile("spring-batch-payments", ".csv");
        try {
            JobRepository repository = new ResourcelessJobRepository();
            JdbcCursorItemReader<Payment> reader = reader(trainer, since, until);
            FlatFileItemWriter<Payment> writer = writer(file);
            Step write = new StepBuilder("write-csv", repository)
                    .<Payment, Payment>chunk(CHUNK)
                    .transactionManager(new ResourcelessTransactionManager())
                    .reader(reader)
                    .writer(writer)
                    .build();
            Step upload = new StepBuilder("upload", repository)
                    .tasklet(
                            (contribution, context) -> {
                                s3.putObject(
                                                put -> put.bucket(bucket)
                                                        .key(key)
                                                        .contentType("text/csv"),
                                                AsyncRequestBody.fromFile(file))
                                        .join();
                                return RepeatStatus.FINISHED;
                            },
                            new ResourcelessTransactionManager())
                    .build();
            Job job = new JobBuilder("payments-export", repository)
                    .start(write)
                    .next(upload)
                    .build();
            TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
            operator.setJobRepository(repository);
            operator.setJobRegistry(new MapJobRegistry());
            operator.afterPropertiesSet();
            JobExecution execution = operator.start(
                    job, new JobParametersBuilder().addString("key", key).toJobParameters());
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                throw new IllegalStateException("the Spring Batch export ended " + execution.getStatus() + ": "
                        + execution.getAllFailureExceptions());
            }
            return execution.getStepExecutions().stream()
                    .filter(step -> step.getStepName().equals("write-csv"))
                    .mapToLong(step -> step.getWriteCount())
                    .sum();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private JdbcCursorItemReader<Payment> reader(long trainer, Instant since, Instant until) {
        return new JdbcCursorItemReaderBuilder<Payment>()
                .name("payments")
                .dataSource(dataSource)
                .sql(Dataset.PAYMENTS
                        .sql()
                        .replace(":trainerId", "?")
                        .replace(":since", "?")
                        .replace(":until", "?")
                        .replace(":status", "'{}'"))
                .queryArguments(trainer, Timestamp.from(since), Timestamp.from(until))
                .fetchSize(CHUNK)
                // PgJDBC streams with a fetch size only inside a transaction; otherwise it reads every row at once
                .connectionAutoCommit(false)
                .rowMapper(PaymentCsv::payment)
                .build();
    }

    private static FlatFileItemWriter<Payment> writer(Path file) {
        return new FlatFileItemWriterBuilder<Payment>()
                .name("payments-csv")
                .resource(new FileSystemResource(file))
                .encoding("UTF-8")
                .lineSeparator("\r\n")
                .headerCallback(header -> header.write(PaymentCsv.header()))
                .lineAggregator(PaymentCsv::line)
                .build();
    }

    /** The multipart client of the AWS SDK v2 for an S3-compatible store at {@code endpoint}. */
    static S3AsyncClient s3(URI endpoint, String accessKey, String secretKey) {
        return S3AsyncClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                // as the service's client: S3-compatible stores reject the newer checksum trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .multipartEnabled(true)
                .overrideConfiguration(config -> config.addExecutionInterceptor(new WithoutObjectSizeHeader()))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build();
    }

    /**
     * The multipart client names the whole object's size on completing an upload
     * ({@code x-amz-mp-object-size}), a header S3-compatible stores such as s3proxy answer with 501:
     * left out, as it is only a check.
     */
    static final class WithoutObjectSizeHeader implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder()
                    .removeHeader("x-amz-mp-object-size")
                    .build();
        }
    }

    /**
     * In a JVM of its own: the settings as system properties (the worker's: {@code spring.datasource.*},
     * {@code exports.storage.*}) and {@code bench.trainer}, {@code bench.since}, {@code bench.until},
     * {@code bench.key}. Prints {@code spring_batch_rows} and {@code spring_batch_seconds}, start of
     * the job to the upload's end.
     */
    public static void main(String[] args) throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(System.getProperty("spring.datasource.url"));
        pool.setUsername(System.getProperty("spring.datasource.username"));
        pool.setPassword(System.getProperty("spring.datasource.password"));
        pool.setMaximumPoolSize(2);
        try (HikariDataSource dataSource = new HikariDataSource(pool);
                S3AsyncClient s3 = s3(
                        URI.create(System.getProperty("exports.storage.endpoint")),
                        System.getProperty("exports.storage.access-key"),
                        System.getProperty("exports.storage.secret-key"))) {
            var export = new SpringBatchExport(dataSource, s3, System.getProperty("exports.storage.bucket"));
            String warmUp = System.getProperty("bench.warm-up-since");
            if (warmUp != null) { // as the service's worker, which ran a month of the rows before it is measured
                export.export(
                        Long.getLong("bench.trainer"),
                        Instant.parse(warmUp),
                        Instant.parse(System.getProperty("bench.until")),
                        System.getProperty("bench.key"));
            }
            long started = System.nanoTime();
            long rows = export.export(
                    Long.getLong("bench.trainer"),
                    Instant.parse(System.getProperty("bench.since")),
                    Instant.parse(System.getProperty("bench.until")),
                    System.getProperty("bench.key"));
            System.out.println("spring_batch_rows: " + rows);
            System.out.println("spring_batch_seconds: " + Baselines.seconds(started));
        }
    }
}
