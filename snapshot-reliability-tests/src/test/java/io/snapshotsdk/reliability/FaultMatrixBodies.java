package io.snapshotsdk.reliability;

import io.snapshotsdk.reliability.FaultProxy.Answer;

/**
 * The refusals the fault matrix plays, each in the provider's own words: status, body and
 * headers as the protocol notes and the providers' published samples show them (ARM's error
 * object and Compute's unwrapped throttling body, {@code google.rpc.Status}, AWS JSON 1.1
 * {@code __type} bodies, ECS {@code Code}/{@code RequestId} bodies, Cinder faults and
 * keystonemiddleware's 401).
 */
final class FaultMatrixBodies {
    private FaultMatrixBodies() {}

    /** A refusal to play, with the error code and request id the client should report. */
    record Refusal(int status, String contentType, String body, String errorCode, String requestId, String... headers) {
        Answer answer() {
            return Answers.status(status, contentType, body, headers);
        }
    }

    private static final String JSON = "application/json";
    private static final String AWS_JSON = "application/x-amz-json-1.1";
    private static final String AZURE_ID = "a1b2c3d4-0000-4000-8000-00000000a2e5";
    private static final String YANDEX_ID = "e38e71c3-adc6-4584-98a4-b0f103d55f61";
    private static final String AWS_ID = "7d1f3a56-2c0e-4b7f-9b8e-0a1b2c3d4e5f";
    private static final String ALIYUN_ID = "D5D3B0B8-3F05-4C4A-9F57-0F2E2A0E6A11";
    private static final String OPENSTACK_ID = "req-3f1d2c4b-5a69-4e7d-8c0b-1a2b3c4d5e6f";

    /** Returns the provider's internal server error. Storage Gateway sends it, like every error, as a 400. */
    static Refusal serverError(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> azure(500, "InternalServerError", "Encountered internal server error. Diagnostic information: "
                    + "timestamp '20260101T000000Z', tracking id '" + AZURE_ID + "'.");
            case YANDEX -> yandex(500, 13, "INTERNAL", "Internal error");
            case AWS_SGW -> new Refusal(400, AWS_JSON, "{\"__type\":\"InternalServerError\",\"message\":\"An internal server error has "
                    + "occurred during the request.\",\"error\":{\"errorCode\":\"InternalError\"}}", "InternalError", AWS_ID,
                    "x-amzn-RequestId", AWS_ID);
            case ALIYUN -> aliyun(500, "InternalError", "The request processing has failed due to some unknown error.");
            case OPENSTACK -> cinder(500, "computeFault", "The server has either erred or is incapable of performing the requested "
                    + "operation.");
        };
    }

    /** Returns the provider's 503; Storage Gateway's "service unavailable" is its modeled 400 error. */
    static Refusal serviceUnavailable(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> azure(503, "ServiceUnavailable", "The service is temporarily unavailable. Please try again later.");
            case YANDEX -> yandex(503, 14, "UNAVAILABLE", "Service is unavailable");
            case AWS_SGW -> new Refusal(400, AWS_JSON, "{\"__type\":\"ServiceUnavailableError\",\"message\":\"The service is "
                    + "temporarily unavailable.\",\"error\":{\"errorCode\":\"ServiceUnavailable\"}}", "ServiceUnavailable", AWS_ID,
                    "x-amzn-RequestId", AWS_ID);
            case ALIYUN -> aliyun(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
            case OPENSTACK -> cinder(503, "serviceUnavailable", "The service is unavailable at this time.");
        };
    }

    /** Returns a 429 whose {@code Retry-After} asks for {@code seconds}. */
    static Refusal tooManyRequests(Cloud cloud, int seconds) {
        String after = Integer.toString(seconds);
        return switch (cloud) {
            case AZURE -> withHeaders(azure(429, "SubscriptionRequestsThrottled", "Number of 'write' requests for subscription "
                    + "'00000000-0000-0000-0000-000000000000' actually exceeded '1200' within '01:00:00'. Please try again after '"
                    + after + "' seconds."), "Retry-After", after);
            case YANDEX -> withHeaders(yandex(429, 8, "RESOURCE_EXHAUSTED", "Too many requests"), "Retry-After", after);
            case AWS_SGW -> new Refusal(429, AWS_JSON, "{\"__type\":\"TooManyRequestsException\",\"message\":\"Too Many Requests\"}",
                    "TooManyRequestsException", AWS_ID, "x-amzn-RequestId", AWS_ID, "Retry-After", after);
            case ALIYUN -> withHeaders(aliyun(429, "Throttling", "You have made too many requests within a short time; your request "
                    + "is denied due to request throttling."), "Retry-After", after);
            case OPENSTACK -> withHeaders(new Refusal(429, JSON, "{\"overLimit\":{\"code\":429,\"message\":\"Rate limit exceeded.\","
                    + "\"retryAfter\":\"" + after + "\"}}", "overLimit", OPENSTACK_ID, "x-openstack-request-id", OPENSTACK_ID),
                    "Retry-After", after);
        };
    }

    /**
     * Returns the provider's own throttling answer: Compute's unwrapped {@code OperationNotAllowed}
     * with a {@code TooManyRequests} detail and its documented {@code Retry-After: 1200}, gRPC
     * {@code RESOURCE_EXHAUSTED}, AWS {@code ThrottlingException} (a 400), ECS
     * {@code Throttling.User} with the gateway's {@code x-acs-retry-after} in milliseconds, and
     * Cinder's 413 {@code overLimit} with a positive {@code retryAfter}.
     */
    static Refusal ownThrottling(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> new Refusal(429, JSON, "{\"code\":\"OperationNotAllowed\",\"message\":\"The server rejected the request "
                    + "because too many requests have been received for this subscription.\",\"details\":[{\"code\":\"TooManyRequests\","
                    + "\"target\":\"HighCostGet30Min\",\"message\":\"{\\\"operationGroup\\\":\\\"HighCostGet30Min\\\",\\\"startTime\\\":"
                    + "\\\"2018-06-29T19:54:21.0914017+00:00\\\",\\\"endTime\\\":\\\"2018-06-29T20:14:21.0914017+00:00\\\","
                    + "\\\"allowedRequestCount\\\":800,\\\"measuredRequestCount\\\":1238}\"}]}",
                    "OperationNotAllowed", AZURE_ID, "x-ms-request-id", AZURE_ID, "Retry-After", "1200",
                    "x-ms-ratelimit-remaining-resource", "Microsoft.Compute/HighCostGet3Min;46",
                    "x-ms-ratelimit-remaining-resource", "Microsoft.Compute/HighCostGet30Min;0");
            case YANDEX -> yandex(429, 8, "RESOURCE_EXHAUSTED", "Request rate limit exceeded");
            case AWS_SGW -> new Refusal(400, AWS_JSON, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}",
                    "ThrottlingException", AWS_ID, "x-amzn-RequestId", AWS_ID);
            case ALIYUN -> withHeaders(aliyun(400, "Throttling.User", "Request was denied due to user flow control."),
                    "x-acs-retry-after", "1500");
            case OPENSTACK -> new Refusal(413, JSON, "{\"overLimit\":{\"message\":\"sorry\",\"code\":413,\"retryAfter\":\"4\"}}",
                    "overLimit", OPENSTACK_ID, "x-openstack-request-id", OPENSTACK_ID, "Retry-After", "4");
        };
    }

    /**
     * Returns the provider's answer to an expired credential: a 401 that a new token cures (ARM's
     * {@code ExpiredAuthenticationToken}, gRPC {@code UNAUTHENTICATED}, keystonemiddleware's 401),
     * and for the keys of AWS and Alibaba, which the client cannot renew, their expired-STS-token codes, as 400s.
     */
    static Refusal expiredToken(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> azure(401, "ExpiredAuthenticationToken", "The access token expiry UTC time '1/1/2026 12:00:00 AM' is earlier "
                    + "than current UTC time '1/1/2026 12:01:02 AM'.");
            case YANDEX -> yandex(401, 16, "UNAUTHENTICATED", "Token is invalid or has expired.");
            case AWS_SGW -> new Refusal(400, AWS_JSON, "{\"__type\":\"ExpiredTokenException\",\"message\":\"The security token "
                    + "included in the request is expired\"}", "ExpiredTokenException", AWS_ID, "x-amzn-RequestId", AWS_ID);
            case ALIYUN -> aliyun(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
            case OPENSTACK -> new Refusal(401, JSON, "{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"The request "
                    + "you have made requires authentication.\"}}", "error", OPENSTACK_ID, "x-openstack-request-id", OPENSTACK_ID,
                    "WWW-Authenticate", "Keystone uri=\"http://127.0.0.1/identity\"");
        };
    }

    /** Returns a 502 page of a proxy in front of the cloud. */
    static Answer badGateway() {
        return Answers.htmlProxyPage();
    }

    /** Returns a 504 page of a proxy that waited for the cloud in vain. */
    static Answer gatewayTimeout() {
        return Answers.status(504, "text/html", "<html><head><title>504 Gateway Time-out</title></head><body><center>"
                + "<h1>504 Gateway Time-out</h1></center><hr><center>nginx</center></body></html>");
    }

    private static Refusal azure(int status, String code, String message) {
        return new Refusal(status, JSON, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}", code, AZURE_ID,
                "x-ms-request-id", AZURE_ID, "x-ms-correlation-request-id", AZURE_ID);
    }

    private static Refusal yandex(int status, int grpc, String name, String message) {
        return new Refusal(status, JSON, "{\"code\":" + grpc + ",\"message\":\"" + message + "\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"" + YANDEX_ID + "\"}]}", name, YANDEX_ID,
                "x-request-id", YANDEX_ID);
    }

    private static Refusal aliyun(int status, String code, String message) {
        return new Refusal(status, JSON, "{\"RequestId\":\"" + ALIYUN_ID + "\",\"HostId\":\"ecs.cn-hangzhou.aliyuncs.com\",\"Code\":\""
                + code + "\",\"Message\":\"" + message + "\",\"Recommend\":\"https://api.aliyun.com/troubleshoot?q=" + code
                + "&product=Ecs&requestId=" + ALIYUN_ID + "\"}", code, ALIYUN_ID, "x-acs-request-id", ALIYUN_ID);
    }

    private static Refusal cinder(int status, String fault, String message) {
        return new Refusal(status, JSON, "{\"" + fault + "\":{\"code\":" + status + ",\"message\":\"" + message + "\"}}", fault,
                OPENSTACK_ID, "x-openstack-request-id", OPENSTACK_ID);
    }

    private static Refusal withHeaders(Refusal r, String... more) {
        String[] all = new String[r.headers().length + more.length];
        System.arraycopy(r.headers(), 0, all, 0, r.headers().length);
        System.arraycopy(more, 0, all, r.headers().length, more.length);
        return new Refusal(r.status(), r.contentType(), r.body(), r.errorCode(), r.requestId(), all);
    }
}
