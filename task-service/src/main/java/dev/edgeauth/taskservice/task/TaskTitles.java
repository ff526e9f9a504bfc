package dev.edgeauth.taskservice.task;

import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;

/**
 * The title rule: 1 to 500 characters (Unicode code points, as PostgreSQL counts them),
 * not only white space, no control characters (PostgreSQL cannot store U+0000, and a
 * title is one line) and no unpaired surrogate halves. A title is stored exactly as sent,
 * never trimmed.
 */
final class TaskTitles {

    static final int MAX_LENGTH = 500;

    private TaskTitles() {
    }

    static String requireValid(String title) {
        int length = title.codePointCount(0, title.length());
        if (length < 1 || length > MAX_LENGTH) {
            throw invalid("field 'title' must be 1 to " + MAX_LENGTH + " characters long");
        }
        if (title.isBlank()) {
            throw invalid("field 'title' must not be blank");
        }
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            if (Character.isISOControl(c)) {
                throw invalid("field 'title' must not contain control characters");
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= title.length()
                        || !Character.isLowSurrogate(title.charAt(i + 1))) {
                    throw invalid("field 'title' must be valid Unicode text");
                }
                i++;
            }
        }
        return title;
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ErrorCode.INVALID_REQUEST, detail);
    }

}
