namespace Blux.SharedKernel.Errors;

/// <summary>
/// A failure a client is meant to see. The host turns it into the error envelope in one place;
/// any other exception becomes a bare 500 with no internals.
/// </summary>
public sealed class BluxException : Exception
{
    public BluxException(string code, string message, IReadOnlyDictionary<string, object?>? details = null, string? auditId = null)
        : base(message)
    {
        Code = code;
        Details = details ?? new Dictionary<string, object?>();
        AuditId = auditId;
    }

    public string Code { get; }

    public IReadOnlyDictionary<string, object?> Details { get; }

    public string? AuditId { get; }

    public int StatusCode => ErrorCodes.StatusOf(Code);

    public BluxException WithAuditId(string? auditId) => new(Code, Message, Details, auditId);

    public static BluxException Validation(string field, string issue, string message, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var details = new Dictionary<string, object?> { ["field"] = field, ["issue"] = issue };
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                details[key] = value;
            }
        }

        return new BluxException(ErrorCodes.ValidationFailed, message, details);
    }

    public static BluxException NotFound(string resource, string id) =>
        new(ErrorCodes.NotFound, $"{resource} '{id}' was not found.", new Dictionary<string, object?> { ["resource"] = resource, ["id"] = id });

    public static BluxException Conflict(string field, string issue, string message) =>
        new(ErrorCodes.Conflict, message, new Dictionary<string, object?> { ["field"] = field, ["issue"] = issue });

    public static BluxException Unauthorized(string issue, string message, string field = "authorization") =>
        new(ErrorCodes.Unauthorized, message, new Dictionary<string, object?> { ["field"] = field, ["issue"] = issue });

    public static BluxException Forbidden(string issue, string message, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var details = new Dictionary<string, object?> { ["issue"] = issue };
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                details[key] = value;
            }
        }

        return new BluxException(ErrorCodes.Forbidden, message, details);
    }

    public static BluxException Unavailable(string component, string message) =>
        new(ErrorCodes.ServiceUnavailable, message, new Dictionary<string, object?> { ["component"] = component });
}
