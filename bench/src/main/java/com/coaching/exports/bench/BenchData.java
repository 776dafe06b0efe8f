package com.coaching.exports.bench;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark's rows: one enterprise trainer with N payments over the last year, one small
 * trainer with 100. Seeded once; reused when the counts are already there.
 */
final class BenchData {

    static final String BIG_EMAIL = "bench-enterprise@example.com";
    static final String SMALL_EMAIL = "bench-small@example.com";
    static final int SMALL_ROWS = 100;

    private final JdbcClient jdbc;

    BenchData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long bigTrainer(int rows) {
        return trainerWithPayments(BIG_EMAIL, rows);
    }

    long smallTrainer() {
        return trainerWithPayments(SMALL_EMAIL, SMALL_ROWS);
    }

    /** A trainer (made if absent) with exactly {@code rows} payments over the last year; seeded only when they differ. */
    long trainerWithPayments(String email, int rows) {
        long trainer = user(email, "TRAINER", null);
        long trainee = user("trainee-of-" + email, "TRAINEE", trainer);
        int present = jdbc.sql("select count(*) from trainee_payments where trainer_id = :t")
                .param("t", trainer)
                .query(Integer.class)
                .single();
        if (present != rows) {
            System.err.printf("seeding %,d payments for %s ...%n", rows, email);
            jdbc.sql("delete from trainee_payments where trainer_id = :t")
                    .param("t", trainer)
                    .update();
            // spread over the last 364 days, so a 365-day window holds them all
            jdbc.sql("""
                    insert into trainee_payments (trainer_id, trainee_id, amount, currency, status, payment_type,
                                                  description, created_at, paid_at)
                    select :trainer, :trainee, (n % 200) + 0.99, 'EUR',
                           (array['succeeded', 'pending', 'failed'])[1 + n % 3], 'subscription',
                           'Monthly coaching, "premium" plan ' || n,
                           now() - (n * (364.0 * 86400 / :rows) || ' seconds')::interval,
                           case when n % 3 = 0 then now() - (n * (364.0 * 86400 / :rows) || ' seconds')::interval end
                      from generate_series(1, :rows) as n""")
                    .param("trainer", trainer)
                    .param("trainee", trainee)
                    .param("rows", rows)
                    .update();
            jdbc.sql("vacuum analyze trainee_payments").update();
        }
        return trainer;
    }

    private long user(String email, String role, @Nullable Long parent) {
        return jdbc.sql("select id from users where email = :email")
                .param("email", email)
                .query(Long.class)
                .optional()
                .orElseGet(() -> jdbc.sql("""
                        insert into users (email, first_name, last_name, role, parent_trainer_id, is_active, date_joined)
                        values (:email, 'Bench', 'User', :role, :parent, true, now()) returning id""")
                        .param("email", email)
                        .param("role", role)
                        .param("parent", parent)
                        .query(Long.class)
                        .single());
    }
}
