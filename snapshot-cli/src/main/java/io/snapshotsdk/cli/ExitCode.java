package io.snapshotsdk.cli;

import io.snapshotsdk.AuthenticationException;
import io.snapshotsdk.ConflictException;
import io.snapshotsdk.CreateOutcomeUnknownException;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.NotFoundException;
import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.PermissionDeniedException;
import io.snapshotsdk.QuotaExceededException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.ThrottledException;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitTimeoutException;

/** The process's exit status, one per kind of failure, so scripts can tell them apart. */
enum ExitCode {
    OK(0, "success"),
    INTERNAL(1, "unexpected failure of the tool itself"),
    USAGE(2, "bad command line"),
    INVALID_REQUEST(3, "invalid request or settings; nothing was sent"),
    AUTHENTICATION(4, "the cloud refused the credentials"),
    PERMISSION_DENIED(5, "the credentials may not do this"),
    NOT_FOUND(6, "no such snapshot or disk"),
    CONFLICT(7, "the resource is busy or in the wrong state"),
    QUOTA_EXCEEDED(8, "a quota or limit is reached"),
    THROTTLED(9, "throttled on every attempt"),
    SERVICE(10, "another refusal or failure of the cloud"),
    TRANSPORT(11, "no answer: connection, TLS or timeout"),
    CREATE_OUTCOME_UNKNOWN(12, "a create may or may not have happened"),
    OPERATION_FAILED(13, "the snapshot ended in an error state"),
    WAIT_TIMEOUT(14, "the snapshot was not ready in time");

    final int code;
    final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** Returns the status for a failure; the most specific type wins. */
    static ExitCode of(Throwable failure) {
        if (failure instanceof InvalidRequestException) {
            return INVALID_REQUEST;
        } else if (failure instanceof AuthenticationException) {
            return AUTHENTICATION;
        } else if (failure instanceof PermissionDeniedException) {
            return PERMISSION_DENIED;
        } else if (failure instanceof NotFoundException) {
            return NOT_FOUND;
        } else if (failure instanceof ConflictException) {
            return CONFLICT;
        } else if (failure instanceof QuotaExceededException) {
            return QUOTA_EXCEEDED;
        } else if (failure instanceof ThrottledException) {
            return THROTTLED;
        } else if (failure instanceof ServiceException) {
            return SERVICE;
        } else if (failure instanceof CreateOutcomeUnknownException) {
            return CREATE_OUTCOME_UNKNOWN;
        } else if (failure instanceof TransportException) {
            return TRANSPORT;
        } else if (failure instanceof OperationFailedException) {
            return OPERATION_FAILED;
        } else if (failure instanceof WaitTimeoutException) {
            return WAIT_TIMEOUT;
        } else if (failure instanceof UsageException) {
            return USAGE;
        }
        return INTERNAL;
    }
}
