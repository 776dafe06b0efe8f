package com.coaching.exports.worker.export;

/** The job was cancelled while it ran; the export stops and leaves no file. */
class ExportCancelled extends RuntimeException {

    ExportCancelled() {
        super("cancelled", null, false, false);
    }
}
