package com.coaching.exports.worker.support;

import com.coaching.exports.embedded.EmbeddedServices;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The mails the embedded SMTP catcher (GreenMail) received, as a recipient sees them. */
public final class Inbox {

    private Inbox() {}

    public static List<ReceivedMail> of(String recipient) {
        List<ReceivedMail> mails = new ArrayList<>();
        for (MimeMessage message : EmbeddedServices.mail().getReceivedMessages()) {
            try {
                boolean toRecipient = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().equalsIgnoreCase(recipient));
                if (toRecipient) {
                    mails.add(read(message));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    private static ReceivedMail read(MimeMessage message) throws MessagingException, IOException {
        String text = null;
        String html = null;
        List<BodyPart> parts = new ArrayList<>();
        collect(message.getContent(), parts);
        for (BodyPart part : parts) {
            if (part.isMimeType("text/plain")) {
                text = (String) part.getContent();
            } else if (part.isMimeType("text/html")) {
                html = (String) part.getContent();
            }
        }
        return new ReceivedMail(message.getMessageID(), message.getSubject(), text, html);
    }

    private static void collect(Object content, List<BodyPart> parts) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.getContent() instanceof Multipart nested) {
                    collect(nested, parts);
                } else {
                    parts.add(part);
                }
            }
        }
    }

    /** A received mail: its Message-ID, subject, plain text and HTML. */
    public record ReceivedMail(String messageId, String subject, String text, String html) {

        /** The emailed download link (the first http URL in the text part). */
        public String link() {
            var matcher = java.util.regex.Pattern.compile("https?://\\S+").matcher(text);
            return matcher.find() ? matcher.group() : null;
        }
    }
}
