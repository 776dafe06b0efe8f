package com.coaching.exports.worker.mail;

import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.outbox.Outbox;
import com.coaching.exports.shared.outbox.OutboxEngine;
import com.coaching.exports.shared.outbox.Outcome;
import com.coaching.exports.shared.outbox.Verdict;
import com.coaching.exports.shared.retry.RetryPolicy;
import com.coaching.exports.worker.mail.MailComposer.Mail;
import com.coaching.exports.worker.mail.MailOutbox.PendingMail;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends the mails of the mail outbox, apart from the exports: a mail server that is down is tried
 * again with backoff and never fails or reruns an export. At least once: a mail is marked sent after
 * the server took it, so a worker that dies in between sends it again, with the same Message-ID.
 */
@Component
class MailDispatcher implements HousekeepingTask, Outbox<PendingMail, Void> {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int BATCH = 20;
    /** How long a claimed mail is this worker's; a worker that dies sending it delays it this long. */
    private static final Duration CLAIM = Duration.ofMinutes(2);
    /** 5 s, 10 s, … up to 30 min, for as long as the mail server refuses. */
    static final RetryPolicy RETRIES = RetryPolicy.PATIENT;

    private final MailOutbox outbox;
    private final ExportJobRows jobs;
    private final MailComposer composer;
    private final ObjectProvider<JavaMailSender> sender;
    private final MailSettings settings;
    private final String from;
    private final OutboxEngine<PendingMail, Void> engine;

    MailDispatcher(
            MailOutbox outbox,
            ExportJobRows jobs,
            MailComposer composer,
            ObjectProvider<JavaMailSender> sender,
            Clock clock,
            MailSettings settings) {
        this.outbox = outbox;
        this.jobs = jobs;
        this.composer = composer;
        this.sender = sender;
        this.settings = settings;
        this.from = settings.from();
        this.engine = new OutboxEngine<>(this, RETRIES, clock);
    }

    @Override
    public String name() {
        return "mail dispatch";
    }

    @Override
    public Duration interval() {
        return settings.interval();
    }

    @Override
    public void runOnce() {
        if (sender.getIfAvailable() == null) {
            return; // no mail server configured (spring.mail.host)
        }
        engine.pass(BATCH);
    }

    @Override
    public List<PendingMail> claim(Instant now, int limit) {
        return outbox.claimDue(now, now.plus(CLAIM), limit);
    }

    @Override
    public int failedTries(PendingMail pending) {
        return pending.attempts();
    }

    @Override
    public Outcome<Void> process(PendingMail pending) {
        ExportJob job = jobs.findById(pending.jobId()).orElse(null);
        if (job == null) {
            return Outcome.gone(); // deleted; its mail went with it
        }
        try {
            Mail content = composer.compose(job, pending.outcome());
            JavaMailSender mail = sender.getObject();
            var message = mail.createMimeMessage();
            var helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(pending.recipient());
            helper.setSubject(content.subject());
            helper.setText(content.text(), content.html());
            // the same id for every try: a mail sent again after a crash folds into the first in mail clients
            message.setHeader("Message-ID", messageId(job));
            mail.send(message);
            return Outcome.succeeded(null);
        } catch (MailException | MessagingException e) {
            return Outcome.failed(null, e.getMessage());
        }
    }

    @Override
    public void record(PendingMail pending, Verdict<Void> verdict) {
        if (verdict instanceof Verdict.RetryAt<Void> retry) {
            outbox.retryLater(pending.jobId(), retry.next(), retry.reason());
            log.warn(
                    "mail not sent job={} attempt={} next={} reason=\"{}\"",
                    pending.jobId(),
                    retry.tries(),
                    retry.next(),
                    retry.reason());
        } else if (verdict instanceof Verdict.GiveUp<Void>) {
            throw new IllegalStateException("mails are tried until the server takes them");
        } else {
            outbox.markSent(pending.jobId(), verdict.at());
            log.info("mail sent job={} outcome={} attempt={}", pending.jobId(), pending.outcome(), verdict.tries());
        }
    }

    /** One per job: a job has one mail. Spring's sender keeps an id set before it sends. */
    private String messageId(ExportJob job) {
        return "<export-" + job.id() + "@" + from.substring(from.indexOf('@') + 1) + ">";
    }
}
