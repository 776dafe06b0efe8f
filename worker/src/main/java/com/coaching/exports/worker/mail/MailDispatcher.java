package com.coaching.exports.worker.mail;

import com.coaching.exports.shared.Backoff;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.worker.mail.MailComposer.Mail;
import com.coaching.exports.worker.mail.MailOutbox.PendingMail;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends the mails of the mail outbox, apart from the exports: a mail server that is down is tried
 * again with backoff and never fails or reruns an export.
 */
@Component
class MailDispatcher implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int BATCH = 20;
    /** How long a claimed mail is this worker's; a worker that dies sending it delays it this long. */
    private static final Duration CLAIM = Duration.ofMinutes(2);

    private final MailOutbox outbox;
    private final ExportJobRows jobs;
    private final MailComposer composer;
    private final ObjectProvider<JavaMailSender> sender;
    private final Clock clock;
    private final MailSettings settings;
    private final String from;

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
        this.clock = clock;
        this.settings = settings;
        this.from = settings.from();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::dispatch, settings.interval());
    }

    void dispatch() {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            return; // no mail server configured (spring.mail.host)
        }
        try {
            Instant now = clock.instant();
            for (PendingMail pending : outbox.claimDue(now, now.plus(CLAIM), BATCH)) {
                send(mail, pending);
            }
        } catch (DataAccessException e) {
            log.warn("mail dispatch skipped: {}", e.getMessage());
        }
    }

    private void send(JavaMailSender mail, PendingMail pending) {
        ExportJob job = jobs.findById(pending.jobId()).orElse(null);
        if (job == null) {
            return; // deleted; its mail went with it
        }
        try {
            Mail content = composer.compose(job, pending.outcome());
            var message = mail.createMimeMessage();
            var helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(pending.recipient());
            helper.setSubject(content.subject());
            helper.setText(content.text(), content.html());
            // the same id for every try: a mail sent again after a crash folds into the first in mail clients
            message.setHeader("Message-ID", messageId(job));
            mail.send(message);
            outbox.markSent(job.id(), clock.instant());
            log.info("mail sent job={} outcome={} attempt={}", job.id(), pending.outcome(), pending.attempts() + 1);
        } catch (MailException | MessagingException e) {
            Instant next = clock.instant().plus(Backoff.PATIENT.after(pending.attempts()));
            outbox.retryLater(job.id(), next, e.getMessage());
            log.warn(
                    "mail not sent job={} attempt={} next={} reason=\"{}\"",
                    job.id(),
                    pending.attempts() + 1,
                    next,
                    e.getMessage());
        }
    }

    /** One per job: a job has one mail. Spring's sender keeps an id set before it sends. */
    private String messageId(ExportJob job) {
        return "<export-" + job.id() + "@" + from.substring(from.indexOf('@') + 1) + ">";
    }
}
