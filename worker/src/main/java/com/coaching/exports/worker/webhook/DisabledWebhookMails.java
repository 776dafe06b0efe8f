package com.coaching.exports.worker.webhook;

import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import com.coaching.exports.shared.source.SourceDatabase;
import com.coaching.exports.worker.mail.MailSettings;
import com.coaching.exports.worker.webhook.WebhookOutbox.Disabled;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Tells a trainer, once, that one of their webhooks was disabled after failing for days. */
@Component
class DisabledWebhookMails implements HousekeepingTask {

    private static final Logger log = LoggerFactory.getLogger(DisabledWebhookMails.class);

    private final WebhookOutbox outbox;
    private final SourceDatabase source;
    private final ObjectProvider<JavaMailSender> sender;
    private final MailSettings mail;
    private final Clock clock;

    DisabledWebhookMails(
            WebhookOutbox outbox,
            SourceDatabase source,
            ObjectProvider<JavaMailSender> sender,
            MailSettings mail,
            Clock clock) {
        this.outbox = outbox;
        this.source = source;
        this.sender = sender;
        this.mail = mail;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "webhook disabled mails";
    }

    @Override
    public Duration interval() {
        return mail.interval();
    }

    @Override
    public void runOnce() {
        mailDisabled();
    }

    void mailDisabled() {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null) {
            return; // no mail server configured (spring.mail.host)
        }
        boolean sent = true;
        while (sent) {
            Optional<Disabled> disabled = outbox.claimDisabledToMail(clock.instant());
            // a mail that could not be sent waits for the next round rather than being claimed again at once
            sent = disabled.isPresent() && send(smtp, disabled.get());
        }
    }

    /** False when the mail server refused it: the mail is left for the next round. */
    private boolean send(JavaMailSender smtp, Disabled webhook) {
        Optional<String> email = source.jdbc()
                .sql("select email from users where id = :trainerId")
                .param("trainerId", webhook.trainerId())
                .query(String.class)
                .optional();
        if (email.isEmpty()) {
            return true; // a trainer without an address: no one to tell
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(mail.from());
        message.setTo(email.get());
        message.setSubject("Your webhook was disabled");
        message.setText("Your webhook " + webhook.url() + " (id " + webhook.id() + ") has not accepted an event since "
                + webhook.failingSince() + ", so it was disabled at " + webhook.disabledAt()
                + ". It receives no more events. Its last tries are listed at GET /api/v1/webhooks/" + webhook.id()
                + "/deliveries; once it answers again, register it anew (POST /api/v1/webhooks).");
        try {
            smtp.send(message);
            log.info("webhook disabled mail sent webhook={} trainer={}", webhook.id(), webhook.trainerId());
            return true;
        } catch (MailException e) {
            outbox.mailFailed(webhook.id());
            log.warn("webhook disabled mail not sent webhook={} reason=\"{}\"", webhook.id(), e.getMessage());
            return false;
        }
    }
}
