namespace Blux.Host.Commander;

/// <summary>What the browser learns of its session: who it is, what it may do, and the token its actions echo.</summary>
internal sealed record CommanderSessionView(string Identity, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt, string AntiforgeryToken)
{
    public static CommanderSessionView Of(CommanderSession session) => new(session.IdentityId, session.Scopes, session.ExpiresAt, session.AntiforgeryToken);
}
