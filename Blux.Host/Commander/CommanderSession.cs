namespace Blux.Host.Commander;

/// <summary>
/// A signed-in browser: the identity's access token stays here, on the server; the browser holds only
/// the session's random id (in an HttpOnly cookie) and the antiforgery token its actions must echo.
/// </summary>
internal sealed record CommanderSession(string AccessToken, string AntiforgeryToken, string IdentityId, string AuditName, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt);
