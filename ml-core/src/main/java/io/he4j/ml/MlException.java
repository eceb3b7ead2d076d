package io.he4j.ml;

/**
 * Root of the exceptions thrown by he4j-ml: bad input data, mismatched models, invalid options.
 * Unchecked; messages say what was wrong and what is allowed.
 */
public class MlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MlException(String message) {
        super(message);
    }

    public MlException(String message, Throwable cause) {
        super(message, cause);
    }
}
