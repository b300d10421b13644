package org.diffprior.command;

import org.diffprior.core.ProgressListener;
import org.scijava.app.StatusService;

/** Shows task-layer progress in Fiji's status bar (and the console when headless). */
final class StatusProgress implements ProgressListener {

    private final StatusService status;

    StatusProgress(StatusService status) {
        this.status = status;
    }

    @Override
    public void progress(long done, long total, String message) {
        if (status == null) {
            return;
        }
        int scale = (int) Math.min(total, Integer.MAX_VALUE);
        int value = total > Integer.MAX_VALUE ? (int) (done * (double) scale / total) : (int) done;
        status.showProgress(value, scale);
        if (message != null) {
            status.showStatus("DiffPrior: " + message);
        }
    }
}
