using Microsoft.Extensions.Options;

namespace Blux.Modules.Reg.Security;

/// <summary>
/// Wrong secrets for one <c>client_id</c> back off exponentially: after the free failures, each one
/// locks the client out for twice as long as the last, up to the maximum, and while it is locked out
/// no secret is checked at all, the right one included. Unknown client ids are treated alike, so a
/// lockout does not tell which ids exist. A right secret outside a lockout starts the count over; so
/// does an hour (four maximum lockouts) without a wrong one.
/// </summary>
internal sealed class SecretLockout(IOptions<SecretLockoutOptions> options, TimeProvider clock)
{
    private readonly SecretLockoutOptions _options = options.Value;
    private readonly Dictionary<string, Failures> _clients = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int FreeFailures => _options.FreeFailures;

    private TimeSpan ForgetAfter => TimeSpan.FromSeconds(_options.MaxLockoutSeconds * 4);

    /// <summary>How long the client stays locked out, or null when its secret may be checked.</summary>
    public TimeSpan? LockedFor(string clientId)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            return _clients.TryGetValue(clientId, out var failures) && failures.LockedUntil > now ? failures.LockedUntil - now : null;
        }
    }

    /// <summary>Counts a wrong secret; answers the lockout it starts, if it starts one.</summary>
    public Lockout? Failed(string clientId)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (!_clients.TryGetValue(clientId, out var failures) || now - failures.LastFailure > ForgetAfter)
            {
                MakeRoom(now);
                failures = new Failures();
                _clients[clientId] = failures;
            }

            failures.Count++;
            failures.LastFailure = now;
            var beyond = failures.Count - _options.FreeFailures;
            if (beyond <= 0)
            {
                return null;
            }

            var seconds = Math.Min(_options.MaxLockoutSeconds, _options.FirstLockoutSeconds * Math.Pow(2, Math.Min(beyond - 1, 62)));
            failures.LockedUntil = now + TimeSpan.FromSeconds(seconds);
            return new Lockout(failures.Count, TimeSpan.FromSeconds(seconds), failures.LockedUntil);
        }
    }

    public void Succeeded(string clientId)
    {
        lock (_gate)
        {
            _clients.Remove(clientId);
        }
    }

    /// <summary>Forgets the clients quiet long enough; if none is, the one quiet longest.</summary>
    private void MakeRoom(DateTimeOffset now)
    {
        if (_clients.Count < _options.MaxTrackedClients)
        {
            return;
        }

        foreach (var (id, failures) in _clients)
        {
            if (now - failures.LastFailure > ForgetAfter && failures.LockedUntil <= now)
            {
                _clients.Remove(id);
            }
        }

        if (_clients.Count >= _options.MaxTrackedClients)
        {
            _clients.Remove(_clients.MinBy(c => c.Value.LastFailure).Key);
        }
    }

    internal sealed record Lockout(int Failures, TimeSpan Duration, DateTimeOffset Until);

    private sealed class Failures
    {
        public int Count { get; set; }

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
