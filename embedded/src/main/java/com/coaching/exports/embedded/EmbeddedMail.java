package com.coaching.exports.embedded;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/** An SMTP server (GreenMail) on 127.0.0.1 that keeps every message it receives, in memory. */
final class EmbeddedMail implements StandIn {

    private static final Log log = LogFactory.getLog(EmbeddedMail.class);
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    private final GreenMail greenMail;

    private EmbeddedMail(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** @param port 0 for any free port */
    static EmbeddedMail start(int port) {
        ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = new GreenMail(port == 0 ? smtp.dynamicPort() : smtp);
        greenMail.start();
        logEachDelivery(greenMail);
        return new EmbeddedMail(greenMail);
    }

    // in a local run nobody reads a mailbox, so the log is where one sees that a mail went out
    private static void logEachDelivery(GreenMail greenMail) {
        MessageDeliveryHandler delivery = greenMail.getUserManager().getMessageDeliveryHandler();
        greenMail.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            log.info("Embedded SMTP received \"" + subjectOf(message.getMessage()) + "\" for " + recipient.getEmail()
                    + linksOf(message.getMessage()));
            return delivery.handle(message, recipient);
        });
    }

    /** The links in the plain text part, so a local run shows where an emailed link leads. */
    private static String linksOf(MimeMessage message) {
        try {
            String text = plainText(message.getContent());
            Matcher links = LINK.matcher(text == null ? "" : text);
            StringBuilder found = new StringBuilder();
            while (links.find()) {
                found.append(found.isEmpty() ? ", link: " : " ").append(links.group());
            }
            return found.toString();
        } catch (MessagingException | IOException ex) {
            return "";
        }
    }

    private static @Nullable String plainText(Object content) throws MessagingException, IOException {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain") || part.getContent() instanceof Multipart) {
                    return plainText(part.getContent());
                }
            }
        }
        return null;
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException ex) {
            return "?";
        }
    }

    GreenMail greenMail() {
        return greenMail;
    }

    int port() {
        return greenMail.getSmtp().getPort();
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", port());
    }

    @Override
    public String description() {
        return "SMTP server (GreenMail) at smtp://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        try {
            greenMail.stop();
        } catch (RuntimeException ex) {
            // shutting down anyway
        }
    }
}
