package com.coaching.exports.shared.audit;

import org.jspecify.annotations.Nullable;

/**
 * Who a download link is handed to, as the job's history names it: {@code by} and the client's
 * address, {@code null} where there is no client (a webhook's link, sent by the worker).
 */
public record LinkRecipient(String by, @Nullable String address) {

    /** The trainer, through the API: the download redirect, the job's JSON, its events. */
    public static final String TRAINER = "trainer";
    /** Whoever follows the link of the "export ready" mail. */
    public static final String EMAILED_LINK = "emailed link";
    /** The job in a webhook's payload. */
    public static final String WEBHOOK_LINK = "webhook link";

    /** A webhook's link: the worker sends it, no client asked for it. */
    public static final LinkRecipient WEBHOOK = new LinkRecipient(WEBHOOK_LINK, null);

    public static LinkRecipient trainer(String address) {
        return new LinkRecipient(TRAINER, address);
    }

    public static LinkRecipient emailedLink(String address) {
        return new LinkRecipient(EMAILED_LINK, address);
    }
}
