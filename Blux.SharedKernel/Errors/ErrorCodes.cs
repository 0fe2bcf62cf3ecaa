namespace Blux.SharedKernel.Errors;

/// <summary>The codes of the error envelope (docs/contract.md#error-envelope) and the HTTP status each one answers.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string Conflict = "CONFLICT";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";
    public const string InternalError = "INTERNAL_ERROR";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";

    public static int StatusOf(string code) => code switch
    {
        ValidationFailed => 400,
        Unauthorized => 401,
        Forbidden => 403,
        NotFound => 404,
        Conflict => 409,
        PayloadTooLarge => 413,
        RateLimitExceeded => 429,
        ServiceUnavailable => 503,
        _ => 500,
    };
}
