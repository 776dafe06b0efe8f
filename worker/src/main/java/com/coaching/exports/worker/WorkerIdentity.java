package com.coaching.exports.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** This worker's name in the jobs it holds: host, process and a random part, unless configured. */
@Component
public class WorkerIdentity {

    private final String id;

    public WorkerIdentity(WorkerProperties properties) {
        this.id = properties.id() != null && !properties.id().isBlank() ? properties.id() : generated();
    }

    public String id() {
        return id;
    }

    private static String generated() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker";
        }
        return host + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
