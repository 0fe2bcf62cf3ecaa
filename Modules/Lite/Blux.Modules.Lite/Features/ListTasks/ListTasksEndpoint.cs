using System.Globalization;
using System.Text.RegularExpressions;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Lite.Features.ListTasks;

internal static partial class ListTasksEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/tasks", async (HttpRequest request, ISender sender, CancellationToken cancellationToken) =>
            {
                var query = request.Query;
                int? pageSize = null;
                if (query.TryGetValue("page_size", out var rawSize))
                {
                    pageSize = int.TryParse(rawSize.ToString(), out var parsed)
                        ? parsed
                        : throw BluxException.Validation("page_size", "wrong_type", "page_size must be a whole number.");
                }

                return Results.Ok(await sender.Send(
                    new ListTasksQuery(
                        Caller.Require(request.HttpContext.User), Optional(query["status"]), Optional(query["type"]), pageSize, Optional(query["page_token"]),
                        Optional(query["identity"]), Time(query, "since"), Time(query, "until")),
                    cancellationToken));
            })
            .Produces<TaskPage>()
            .WithMetadata(
                new ApiParameter("status", "Only tasks in this status.") { AllowedValues = ["accepted", "awaiting_approval", "queued", "running", "completed", "failed", "cancelled", "timed_out", "rejected"] },
                new ApiParameter("type", "Only tasks of this type.") { AllowedValues = ["echo", "test", "script", "data_analysis", "webhook"] },
                new ApiParameter("identity", "Only tasks submitted by this identity, as the audit log names it (user:alice); with tasks:read_all."),
                new ApiParameter("since", "Only tasks created at or after this time (RFC 3339 with its offset).") { Format = "date-time" },
                new ApiParameter("until", "Only tasks created before this time (RFC 3339 with its offset).") { Format = "date-time" },
                new ApiParameter("page_size", "Tasks per page.") { Type = ApiParameterType.Integer, Minimum = 1, Maximum = ListTasksQuery.MaxPageSize, Default = ListTasksQuery.DefaultPageSize },
                new ApiParameter("page_token", "The next_page_token of the page before; opaque."))
            .Operation(Scopes.TasksRead, "Lite", "tasks_list", "List tasks",
                "The caller's tasks (every task with tasks:read_all) newest first, filtered by status, type, submitting identity and creation time, paged with next_page_token.");

    /// <summary>An RFC 3339 time with its offset (<c>2026-01-01T00:00:00Z</c>), or none.</summary>
    private static DateTimeOffset? Time(IQueryCollection query, string name)
    {
        var raw = query[name].ToString();
        if (raw.Length == 0)
        {
            return null;
        }

        return raw.Length <= 40 && Rfc3339().IsMatch(raw)
            && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToUniversalTime()
            : throw BluxException.Validation(name, "invalid_format", $"{name} must be an RFC 3339 time with its offset, such as 2026-01-01T00:00:00Z.");
    }

    [GeneratedRegex(@"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrEmpty(value.ToString()) ? null : value.ToString();
}
