package org.diffprior.ij1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CancellationException;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;

/**
 * What every ImageJ 1.x DiffPrior command shares: the dialog (macro options fill it when a macro runs it), progress
 * in ImageJ's bar, Esc to cancel at the next step (showing nothing), bad input as one line that names the macro key
 * ({@code steps=}, the Fiji command's parameter name), and the result windows shown only when the work finished.
 * Subclasses add their fields and turn the dialog's values into result windows through the task layer.
 */
abstract class Ij1Command implements PlugIn {

    /** The dialog's title, also the menu entry. */
    abstract String title();

    /** Whether the command reads the current image (all but file-only modes). */
    boolean needsImage() {
        return true;
    }

    /** Adds the fields; a field's label starts with its macro key (ImageJ shows '_' as a space). */
    abstract void addFields(GenericDialog dialog);

    /** Reads the fields in the order they were added and computes the result windows (not shown yet). */
    abstract List<ImagePlus> run(ImagePlus image, GenericDialog dialog, ProgressListener progress, CancelToken cancel)
            throws IOException;

    @Override
    public final void run(String arg) {
        ImagePlus image = WindowManager.getCurrentImage();
        if (needsImage() && image == null) {
            IJ.noImage();
            return;
        }
        GenericDialog dialog = new GenericDialog(title());
        addFields(dialog);
        dialog.showDialog();
        if (dialog.wasCanceled()) {
            return;
        }
        // Esc pressed before this command started must not cancel it.
        IJ.resetEscape();
        CancelToken cancel = new CancelToken();
        try {
            List<ImagePlus> results = run(image, dialog, progress(cancel), cancel);
            for (ImagePlus result : results) {
                result.show();
            }
        } catch (InvalidInputException e) {
            IJ.error(title(), "DiffPrior: " + e.message(Ij1Command::macroKey));
        } catch (IOException e) {
            IJ.error(title(), "DiffPrior: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        } catch (UncheckedIOException e) {
            IJ.error(title(), "DiffPrior: " + e.getCause().getMessage());
        } catch (CancellationException e) {
            IJ.showStatus(title() + ": cancelled");
        } finally {
            IJ.showProgress(1.0);
        }
    }

    /** ImageJ's progress bar and status line; Esc or an interrupted thread cancels at the next report. */
    static ProgressListener progress(CancelToken cancel) {
        return (done, total, message) -> {
            if (IJ.escapePressed() || Thread.currentThread().isInterrupted()) {
                cancel.cancel();
            }
            IJ.showProgress(total <= 0 ? 0 : done / (double) total);
            if (message != null) {
                IJ.showStatus("DiffPrior: " + message);
            }
        };
    }

    /** The macro key of a parameter, as the Fiji command's: {@code steps} reads {@code steps=}. */
    static String macroKey(String key) {
        return key + "=";
    }
}
