using System.Net;
using System.Text.Json.Nodes;

namespace Blux.Cli.Http;

/// <summary>An error answer from Blux, read from its envelope <c>{"error":{code, message, details, audit_id}}</c>.</summary>
internal sealed class ApiException(HttpStatusCode status, string code, string message, JsonObject? details, string? auditId)
    : CliException(message, ExitCodeFor(status, details))
{
    public HttpStatusCode Status { get; } = status;

    public string Code { get; } = code;

    public JsonObject? Details { get; } = details;

    public string? AuditId { get; } = auditId;

    public string? Issue => Details?["issue"] is JsonValue issue && issue.TryGetValue<string>(out var text) ? text : null;

    /// <summary>401 and a missing scope are auth (4); a task the doctrine or reflection denied is 3; the rest 1.</summary>
    private static int ExitCodeFor(HttpStatusCode status, JsonObject? details)
    {
        var issue = details?["issue"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        return status switch
        {
            HttpStatusCode.Unauthorized => ExitCodes.Auth,
            HttpStatusCode.Forbidden when issue == "task_denied" => ExitCodes.RefusedByDoctrine,
            HttpStatusCode.Forbidden => ExitCodes.Auth,
            _ => ExitCodes.Error,
        };
    }

    public static ApiException FromBody(HttpStatusCode status, string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject { } root && root["error"] is JsonObject error
                && error["code"] is JsonValue code && code.TryGetValue<string>(out var codeText))
            {
                var message = error["message"] is JsonValue m && m.TryGetValue<string>(out var messageText) ? messageText : codeText;
                var auditId = error["audit_id"] is JsonValue a && a.TryGetValue<string>(out var auditText) ? auditText : null;
                return new ApiException(status, codeText, message, error["details"] as JsonObject, auditId);
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not an envelope (a proxy's page, a bare answer of the web server): named by its status below.
        }

        return new ApiException(status, $"HTTP_{(int)status}", $"Blux answered {(int)status} {status} without an error envelope.", null, null);
    }
}
