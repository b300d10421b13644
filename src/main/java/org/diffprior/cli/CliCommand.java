package org.diffprior.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.CallFiles;

/**
 * Base of every subcommand: runs {@link #execute()} and maps failures to the exit-code contract
 * (2 and one line for bad input, 1 and one line for an internal failure). Stack traces only with
 * {@code DIFFPRIOR_DEBUG=1}. A keyed {@link InvalidInputException} names its parameters as options
 * ({@link #option(String)}: {@code cg_iterations} is {@code --cg-iterations}).
 */
abstract class CliCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int INTERNAL_ERROR = 1;
    static final int BAD_INPUT = 2;

    /** Does the work; returns the exit status. */
    protected abstract int execute() throws Exception;

    /**
     * Declares the files the call reads and writes under their option keys, so that {@link #call()} refuses an
     * output that is an input or another output before any work. Commands without files declare none.
     */
    protected void declareFiles(CallFiles files) {
    }

    @Override
    public final Integer call() {
        try {
            CallFiles files = new CallFiles();
            declareFiles(files);
            files.check();
            return execute();
        } catch (InvalidInputException e) {
            System.err.println("diffprior: " + e.message(CliCommand::option));
            debug(e);
            return BAD_INPUT;
        } catch (CancellationException e) {
            System.err.println("diffprior: cancelled");
            return INTERNAL_ERROR;
        } catch (Exception | Error e) {
            System.err.println("diffprior: internal error: " + e);
            debug(e);
            return INTERNAL_ERROR;
        }
    }

    /** The option of a parameter key: {@code --} and the key in kebab-case, as every picocli option here is named. */
    static String option(String key) {
        return "--" + key.replace('_', '-');
    }

    private static void debug(Throwable e) {
        if ("1".equals(System.getenv("DIFFPRIOR_DEBUG"))) {
            e.printStackTrace();
        }
    }

    /** For commands whose engine is not built yet: says so and exits 2. */
    static int notYetBuilt(String what) {
        System.err.println("diffprior: " + what + " is not built yet in this version; see README.md for what works.");
        return BAD_INPUT;
    }
}
