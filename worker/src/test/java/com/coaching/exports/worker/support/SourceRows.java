package com.coaching.exports.worker.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes rows into the platform's source tables (docs/api.md, "The source data") for tests. Emails carry a
 * per-instance tag ({@link #email(String)}) so tests can share one database across runs.
 */
public final class SourceRows {

    private final JdbcClient jdbc;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    public SourceRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code local@example.com} becomes {@code local+<tag>@example.com}: unique, still readable. */
    public String email(String plain) {
        int at = plain.indexOf('@');
        return plain.substring(0, at) + "+" + tag + plain.substring(at);
    }

    public long trainer(String firstName, String lastName, String email) {
        return user(email, firstName, lastName, "TRAINER", null, true, Instant.parse("2025-01-01T00:00:00Z"));
    }

    /**
     * A trainer with one trainee, Anna Lee, who paid 49.00 EUR {@code payments} times: "Month 0" now,
     * "Month 1" a day before, and so on.
     */
    public long trainerWithPayments(String firstName, String lastName, String email, int payments) {
        long trainer = trainer(firstName, lastName, email);
        payments(trainer, trainee(trainer, "Anna", "Lee", "anna@example.com", true, Instant.now()), payments);
        return trainer;
    }

    /** {@code count} payments of 49.00 EUR: "Month 0" now, "Month 1" a day before, and so on. */
    public void payments(long trainerId, long traineeId, int count) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < count; i++) {
            payment(
                    trainerId,
                    traineeId,
                    "49.00",
                    "EUR",
                    "succeeded",
                    "subscription",
                    "Month " + i,
                    now.minus(i, ChronoUnit.DAYS),
                    now);
        }
    }

    public long trainee(
            long trainerId, String firstName, String lastName, String email, boolean active, Instant joined) {
        return user(email, firstName, lastName, "TRAINEE", trainerId, active, joined);
    }

    public long user(
            String email,
            String firstName,
            String lastName,
            String role,
            Long parentTrainerId,
            boolean active,
            Instant joined) {
        return jdbc.sql("""
                insert into users (email, first_name, last_name, role, parent_trainer_id, is_active, date_joined)
                values (:email, :first, :last, :role, :parent, :active, :joined) returning id""")
                .param("email", email(email))
                .param("first", firstName)
                .param("last", lastName)
                .param("role", role)
                .param("parent", parentTrainerId)
                .param("active", active)
                .param("joined", utc(joined))
                .query(Long.class)
                .single();
    }

    public void profile(long traineeId, String fitnessGoal, String activityLevel) {
        jdbc.sql("insert into trainee_profiles (user_id, fitness_goal, activity_level) values (:id, :goal, :level)")
                .param("id", traineeId)
                .param("goal", fitnessGoal)
                .param("level", activityLevel)
                .update();
    }

    public void program(long traineeId, String name, boolean active) {
        jdbc.sql("insert into programs (trainee_id, name, is_active) values (:id, :name, :active)")
                .param("id", traineeId)
                .param("name", name)
                .param("active", active)
                .update();
    }

    public void dailyLog(long traineeId, LocalDate date) {
        jdbc.sql("insert into daily_logs (trainee_id, date) values (:id, :date)")
                .param("id", traineeId)
                .param("date", date)
                .update();
    }

    public long payment(
            long trainerId,
            long traineeId,
            String amount,
            String currency,
            String status,
            String type,
            String description,
            Instant createdAt,
            Instant paidAt) {
        return money("""
                insert into trainee_payments (trainer_id, trainee_id, amount, currency, status, payment_type,
                                              description, created_at, paid_at)
                values (:trainer, :trainee, :amount, :currency, :status, :type, :description, :created, :paid)
                returning id""", trainerId, traineeId, amount, currency, status)
                .param("type", type)
                .param("description", description)
                .param("created", utc(createdAt))
                .param("paid", utc(paidAt))
                .query(Long.class)
                .single();
    }

    public long subscription(
            long trainerId,
            long traineeId,
            String amount,
            String currency,
            String status,
            Instant periodStart,
            Instant periodEnd,
            Instant createdAt,
            Instant canceledAt) {
        return money("""
                insert into trainee_subscriptions (trainer_id, trainee_id, amount, currency, status,
                        current_period_start, current_period_end, created_at, canceled_at)
                values (:trainer, :trainee, :amount, :currency, :status, :start, :end, :created, :canceled)
                returning id""", trainerId, traineeId, amount, currency, status)
                .param("start", utc(periodStart))
                .param("end", utc(periodEnd))
                .param("created", utc(createdAt))
                .param("canceled", utc(canceledAt))
                .query(Long.class)
                .single();
    }

    /**
     * Inserts {@code count} payments of a trainee, one a second back from now, described
     * {@code description + n}; then refreshes the planner's statistics, as row estimates come from them.
     */
    public void manyPayments(long trainerId, long traineeId, int count, String description) {
        jdbc.sql("""
                insert into trainee_payments (trainer_id, trainee_id, amount, currency, status, payment_type,
                                              description, created_at, paid_at)
                select :trainer, :trainee, 10.00, 'EUR', 'succeeded', 'subscription', :description || n,
                       now() - (n || ' seconds')::interval, now()
                  from generate_series(1, :count) as n""")
                .param("trainer", trainerId)
                .param("trainee", traineeId)
                .param("description", description)
                .param("count", count)
                .update();
        jdbc.sql("analyze trainee_payments").update();
    }

    /** Removes a trainer's payments: bulk rows must not pile up in a database that outlives the run. */
    public void removePaymentsOf(long trainerId) {
        jdbc.sql("delete from trainee_payments where trainer_id = :trainer")
                .param("trainer", trainerId)
                .update();
    }

    /** A statement about money a trainee owes a trainer, with those five parameters bound. */
    private JdbcClient.StatementSpec money(
            String sql, long trainerId, long traineeId, String amount, String currency, String status) {
        return jdbc.sql(sql)
                .param("trainer", trainerId)
                .param("trainee", traineeId)
                .param("amount", new BigDecimal(amount))
                .param("currency", currency)
                .param("status", status);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
