package org.diffprior.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;

import ij.IJ;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * What every DiffPrior command shares: progress in the status bar, cancellation (SciJava's
 * {@link org.scijava.Cancelable}, an interrupted thread or Esc in Fiji) tied to the task layer's {@link CancelToken},
 * and bad input reported as a one-line message (log + cancel reason), never a stack trace, that names parameters
 * by their macro keys ({@link #macroKey(String)}: {@code steps=}). Subclasses
 * implement {@link #execute()} and set their outputs only when the work has finished, so a cancelled or
 * failed run publishes nothing.
 */
abstract class TaskCommand extends ContextCommand {

    @Parameter(required = false)
    private LogService log;

    @Parameter(required = false)
    private StatusService status;

    private final CancelToken cancelToken = new CancelToken();

    /** Reads the parameters, calls the task layer and sets the outputs. */
    protected abstract void execute() throws IOException;

    @Override
    public final void run() {
        // Esc pressed before this command started must not cancel it (ImageJ 1.x commands reset it likewise).
        IJ.resetEscape();
        try {
            cancelToken.check();
            execute();
        } catch (InvalidInputException e) {
            fail(e.message(TaskCommand::macroKey));
        } catch (IOException e) {
            fail(e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (UncheckedIOException e) {
            fail(e.getCause().getMessage());
        } catch (CancellationException e) {
            if (!isCanceled()) {
                super.cancel("cancelled by the user");
            }
        } finally {
            if (status != null) {
                status.clearStatus();
            }
        }
    }

    @Override
    public void cancel(String reason) {
        cancelToken.cancel();
        super.cancel(reason);
    }

    /**
     * Reports to the status bar; an interrupted command thread, or Esc pressed in Fiji (ImageJ's usual way to
     * stop a running command), cancels the work at its next check.
     */
    final ProgressListener progress() {
        ProgressListener bar = new StatusProgress(status);
        return (done, total, message) -> {
            if (Thread.currentThread().isInterrupted() || IJ.escapePressed()) {
                cancelToken.cancel();
            }
            bar.progress(done, total, message);
        };
    }

    final CancelToken cancelToken() {
        return cancelToken;
    }

    final void info(String message) {
        if (log != null) {
            log.info("DiffPrior: " + message);
        }
    }

    /**
     * How a Fiji user writes a parameter key: the key is the {@code @Parameter} field's name, which is also the
     * macro key, so {@code steps} reads {@code steps=} as in {@code run("...", "steps=50")}.
     */
    static String macroKey(String key) {
        return key + "=";
    }

    private void fail(String message) {
        if (log != null) {
            log.error("DiffPrior: " + message);
        }
        super.cancel(message);
        cancelToken.cancel();
    }
}
