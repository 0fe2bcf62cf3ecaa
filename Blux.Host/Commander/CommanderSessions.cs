using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Identity;
using Microsoft.Extensions.Options;

namespace Blux.Host.Commander;

/// <summary>
/// The server-side session store: in memory, bounded by <see cref="CommanderOptions.MaxSessions"/>, each
/// session ending with its access token. Sessions are keyed by the SHA-256 of their id, so the ids
/// themselves are nowhere in the process once the cookie is set. A restart signs every browser out.
/// </summary>
internal sealed class CommanderSessions(IOptions<CommanderOptions> options, TimeProvider clock)
{
    public const string CookieName = "blux_session";
    private readonly ConcurrentDictionary<string, CommanderSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    /// <summary>Opens a session and answers its id (for the cookie) with the session.</summary>
    public (string Id, CommanderSession Session) Open(string accessToken, Caller caller, DateTimeOffset expiresAt)
    {
        var now = clock.GetUtcNow();
        DropExpired(now);
        while (_sessions.Count >= options.Value.MaxSessions && !_sessions.IsEmpty)
        {
            var oldest = _sessions.MinBy(s => s.Value.CreatedAt);
            _sessions.TryRemove(oldest.Key, out _);
        }

        var id = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        var session = new CommanderSession(accessToken, Base64Url.Encode(RandomNumberGenerator.GetBytes(32)), caller.IdentityId, caller.AuditName, caller.Scopes, expiresAt, now);
        _sessions[Key(id)] = session;
        return (id, session);
    }

    public CommanderSession? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 128)
        {
            return null;
        }

        var key = Key(id);
        if (!_sessions.TryGetValue(key, out var session))
        {
            return null;
        }

        if (session.ExpiresAt <= clock.GetUtcNow())
        {
            _sessions.TryRemove(key, out _);
            return null;
        }

        return session;
    }

    public void Close(string? id)
    {
        if (!string.IsNullOrEmpty(id) && id.Length <= 128)
        {
            _sessions.TryRemove(Key(id), out _);
        }
    }

    /// <summary>Constant-time comparison of the antiforgery token a request echoes with the session's.</summary>
    public static bool AntiforgeryMatches(CommanderSession session, string? echoed) =>
        !string.IsNullOrEmpty(echoed) &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(session.AntiforgeryToken), Encoding.ASCII.GetBytes(echoed));

    private void DropExpired(DateTimeOffset now)
    {
        foreach (var (key, session) in _sessions)
        {
            if (session.ExpiresAt <= now)
            {
                _sessions.TryRemove(key, out _);
            }
        }
    }

    private static string Key(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
