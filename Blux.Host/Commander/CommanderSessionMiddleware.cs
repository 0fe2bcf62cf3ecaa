using System.Text.Json;
using Blux.Host.Auth;
using Blux.Host.Errors;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Reg.Contracts;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;
using Mediator;

namespace Blux.Host.Commander;

/// <summary>
/// Turns a Commander session into the identity's own bearer token, so that every request the dashboard
/// makes runs through the same endpoint, scope check, handler and audit as the API call it mirrors.
/// Sign-in is <c>POST /v1/tokens</c> itself, with the token kept here instead of handed to the browser.
/// An unsafe request (anything but GET, HEAD, OPTIONS) carried by the session cookie must echo the
/// session's antiforgery token in <see cref="AntiforgeryHeader"/>; a request with its own
/// <c>Authorization</c> header is left alone.
/// </summary>
internal sealed class CommanderSessionMiddleware(RequestDelegate next, CommanderSessions sessions, TimeProvider clock, ILogger<CommanderSessionMiddleware> logger)
{
    public const string SignInPath = "/commander/session";
    public const string AntiforgeryHeader = "X-Blux-Antiforgery";
    public const string SessionItem = "blux.commander.session";
    public const string SessionIdItem = "blux.commander.session_id";
    private const string TokenPath = "/v1/tokens";

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(SignInPath, StringComparison.Ordinal))
        {
            await SignInAsync(context);
            return;
        }

        // The token endpoints take credentials, not a session: a page on the same origin (Swagger UI)
        // asking for a token while signed in to Commander is not an action of the session.
        if (string.IsNullOrEmpty(context.Request.Headers.Authorization.ToString())
            && !IsTokenPath(context.Request.Path)
            && context.Request.Cookies.TryGetValue(CommanderSessions.CookieName, out var id)
            && sessions.Find(id) is { } session)
        {
            if (!IsSafe(context.Request.Method) && !CommanderSessions.AntiforgeryMatches(session, context.Request.Headers[AntiforgeryHeader].ToString()))
            {
                await RefuseForgeryAsync(context, session);
                return;
            }

            context.Request.Headers.Authorization = "Bearer " + session.AccessToken;
            context.Items[SessionItem] = session;
            context.Items[SessionIdItem] = id;
        }

        await next(context);
    }

    private static bool IsTokenPath(PathString path) =>
        path.Equals(TokenPath, StringComparison.OrdinalIgnoreCase) || path.Equals("/v1/auth/token", StringComparison.OrdinalIgnoreCase);

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary>
    /// Runs the request as <c>POST /v1/tokens</c> and keeps the token it answers. Only a JSON body is
    /// taken: a cross-site form cannot send one, so no other site can sign a browser in as someone else.
    /// </summary>
    private async Task SignInAsync(HttpContext context)
    {
        if (!(context.Request.ContentType ?? string.Empty).StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw BluxException.Validation("content_type", "must_be_json", "Sign in with a JSON body: {grant_type, client_id, client_secret}.");
        }

        var body = context.Response.Body;
        using var answer = new MemoryStream();
        context.Request.Path = TokenPath;
        context.Response.Body = answer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Path = SignInPath;
        }

        var token = context.Response.StatusCode == StatusCodes.Status200OK ? AccessToken(answer) : null;
        if (token is null)
        {
            answer.Position = 0;
            await answer.CopyToAsync(body, context.RequestAborted);
            return;
        }

        var validation = await context.RequestServices.GetRequiredService<ISender>().Send(new ValidateToken(token), context.RequestAborted);
        if (!validation.Valid || validation.Caller is null || validation.ExpiresAt is null)
        {
            throw BluxException.Unauthorized(validation.Reason ?? "invalid_token", "The issued token could not be used for a session.");
        }

        var (id, session) = sessions.Open(token, validation.Caller, validation.ExpiresAt.Value);
        context.Response.Cookies.Append(CommanderSessions.CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Expires = session.ExpiresAt,
            IsEssential = true,
        });
        logger.LogInformation("Commander session opened for {Identity} until {ExpiresAt}", session.IdentityId, session.ExpiresAt);
        context.Response.ContentLength = null;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(BluxJson.Serialize(CommanderSessionView.Of(session)), context.RequestAborted);
    }

    private static string? AccessToken(MemoryStream answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer.ToArray());
            return document.RootElement.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task RefuseForgeryAsync(HttpContext context, CommanderSession session)
    {
        var auditId = await EnvelopeAuthorizationResultHandler.AuditRefusalAsync(context, RefusalAudit.AccessDenied(
            clock, BluxSources.Guard, session.AuditName, EnvelopeAuthorizationResultHandler.RefusalData(context, "antiforgery_token_invalid", null)));
        await ErrorEnvelopeWriter.WriteAsync(context, BluxException.Forbidden(
            "antiforgery_token_invalid",
            "A Commander action must carry the session's antiforgery token.",
            new Dictionary<string, object?> { ["field"] = AntiforgeryHeader }).WithAuditId(auditId));
    }
}
