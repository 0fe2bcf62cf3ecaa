using System.Text.Json.Nodes;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.SharedKernel.Api;

/// <summary>What a command endpoint hands its feature: the caller, the route's {id} when it has one, and the JSON body, raw and typed.</summary>
public sealed record CommandInput<TBody>(Caller Caller, string? Id, JsonObject Raw, TBody Body);

/// <summary>
/// The one body of every operation that is a single mediator request: bind the input, send it, answer.
/// An endpoint states only its route, its request, how the result answers and its metadata. The
/// handlers keep the parameters they declared before (<c>string id</c> for a route with {id}), so the
/// OpenAPI document sees the same operation.
/// </summary>
public static class MediatorEndpoints
{
    /// <summary>A GET whose request binds from the route and query string; answers 200 with the result.</summary>
    public static RouteHandlerBuilder MapQuery<TRequest, TResponse>(this IEndpointRouteBuilder app, string pattern)
        where TRequest : IRequest<TResponse> =>
        app.MapGet(pattern, async ([AsParameters] TRequest request, ISender sender, CancellationToken cancellationToken) =>
            Results.Ok(await sender.Send(request, cancellationToken)));

    /// <summary>A POST on a resource's {id} without a body; answers 200 with the result.</summary>
    public static RouteHandlerBuilder MapCommand<TResponse>(this IEndpointRouteBuilder app, string pattern, Func<Caller, string, IRequest<TResponse>> command) =>
        app.MapPost(pattern, async (string id, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            Results.Ok(await sender.Send(command(Caller.Require(http.User), id), cancellationToken)));

    /// <summary>
    /// A command that reads a JSON body (and the route's {id} when the pattern has one); answers 200 with
    /// the result unless <paramref name="answer"/> says otherwise (201 with a location, for instance).
    /// </summary>
    public static RouteHandlerBuilder MapCommand<TBody, TResponse>(
        this IEndpointRouteBuilder app,
        string method,
        string pattern,
        Func<CommandInput<TBody>, IRequest<TResponse>> command,
        Func<CommandInput<TBody>, TResponse, IResult>? answer = null)
    {
        async Task<IResult> SendAsync(string? id, HttpContext http, ISender sender, CancellationToken cancellationToken)
        {
            var (raw, body) = await JsonBody.ReadAsync<TBody>(http.Request.Body, cancellationToken);
            var input = new CommandInput<TBody>(Caller.Require(http.User), id, raw, body);
            var result = await sender.Send(command(input), cancellationToken);
            return answer is null ? Results.Ok(result) : answer(input, result);
        }

        Delegate handler = pattern.Contains("{id}", StringComparison.Ordinal)
            ? (string id, HttpContext http, ISender sender, CancellationToken cancellationToken) => SendAsync(id, http, sender, cancellationToken)
            : (HttpContext http, ISender sender, CancellationToken cancellationToken) => SendAsync(null, http, sender, cancellationToken);
        return app.MapMethods(pattern, [method], handler);
    }
}
