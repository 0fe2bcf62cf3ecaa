using System.Diagnostics.Metrics;
using Blux.Modules.Reg.Contracts;

namespace Blux.Modules.Reg.Security;

/// <summary>Reg's meter: the age of the key that signs now for each key type, and client lockouts.</summary>
internal sealed class RegMetrics
{
    public const string MeterName = "Blux.Modules.Reg";

    private readonly Meter _meter;
    private readonly Counter<long> _lockouts;
    private readonly KeyRing _keys;
    private readonly TimeProvider _clock;

    public RegMetrics(IMeterFactory meters, KeyRing keys, TimeProvider clock)
    {
        _meter = meters.Create(MeterName);
        _keys = keys;
        _clock = clock;
        _lockouts = _meter.CreateCounter<long>("blux.auth.lockouts", "{lockout}", "Lockouts of a client_id after repeated wrong secrets.");
    }

    /// <summary>Called once the key ring is loaded at start-up: from then on every scrape has the keys' ages.</summary>
    public void ObserveKeyAges() =>
        _meter.CreateObservableGauge(
            "blux.keys.age",
            () => KeyAges(_keys, _clock.GetUtcNow()),
            "s",
            "Age of the key that signs now, per key type (token_signing, audit_signing).");

    public void LockedOut() => _lockouts.Add(1);

    private static IEnumerable<Measurement<double>> KeyAges(KeyRing keys, DateTimeOffset now)
    {
        foreach (var type in new[] { PublicSigningKey.TokenSigning, PublicSigningKey.AuditSigning })
        {
            if (keys.TrySigningKeyFor(type, now) is { } key)
            {
                yield return new Measurement<double>((now - key.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("key.type", type));
            }
        }
    }
}
