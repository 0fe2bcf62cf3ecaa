using System.Text.Json.Nodes;
using Blux.Modules.Reg.Audit;
using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Data;
using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Blux.Modules.Reg.Keys;

/// <summary>
/// Every change to Reg's signing keys: rotation (by a client or on schedule), revocation, and settling
/// the stored status once a rotation has taken effect. A change is committed, audited, loaded into the
/// key ring and only then announced with <c>KeyRotate</c>.
/// </summary>
internal sealed class KeyLifecycle(
    RegDbContext db,
    MasterKey masterKey,
    KeyRing ring,
    TokenService tokens,
    RegAuditTrail audit,
    IEventBus events,
    KeyMutationGate gate,
    TimeProvider clock,
    ILogger<KeyLifecycle> logger)
{
    public static readonly IReadOnlyList<string> KeyTypes = [PublicSigningKey.TokenSigning, PublicSigningKey.AuditSigning];

    /// <summary>
    /// Creates the next key of a type. It is published at once and signs from <paramref name="validAfter"/>
    /// (now when absent or past); the key it replaces retires then. Refused while a key of the type is pending.
    /// </summary>
    public async Task<KeyRotation> RotateAsync(string keyType, string reason, DateTimeOffset? validAfter, string actor, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var pending = ring.All().FirstOrDefault(k => k.KeyType == keyType && k.StatusAt(now) == KeyStatus.Pending);
        if (pending is not null)
        {
            throw BluxException.Conflict("key_type", "pending_key_exists",
                $"Key {pending.KeyId} of type {keyType} is already pending until {BluxTime.ToText(pending.ValidAfter)}; revoke it or wait for it to take effect.");
        }

        return await RotateLockedAsync(keyType, reason, validAfter, actor, now);
    }

    /// <summary>
    /// Revokes a key: it leaves JWKS and its tokens are refused from the next request. Revoking the key
    /// that signs now puts a new key of its type in force at once, so Blux can still sign.
    /// The revocation stays in force even if its audit record cannot be written (the answer is then a 503).
    /// </summary>
    public async Task<KeyRevocation> RevokeAsync(string keyId, string reason, string actor, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        var row = await db.SigningKeys.FirstOrDefaultAsync(k => k.KeyId == keyId, cancellationToken)
            ?? throw BluxException.NotFound("key", keyId);
        if (row.RevokedAt is not null)
        {
            throw BluxException.Conflict("key_id", "already_revoked", $"Key {keyId} was revoked at {BluxTime.ToText(row.RevokedAt.Value)}.");
        }

        var now = BluxTime.Truncate(clock.GetUtcNow());
        var wasSigning = ring.TrySigningKeyFor(row.KeyType, now)?.KeyId == row.KeyId;
        row.Status = KeyStatus.Revoked;
        row.RevokedAt = now;
        row.RevocationReason = reason;
        SigningKey? replacement = null;
        if (wasSigning)
        {
            replacement = SigningKeyFactory.Create(row.KeyType, KeyStatus.Active, CreationTime(now), now, masterKey, clock, $"replaces revoked key {row.KeyId}: {reason}");
            db.SigningKeys.Add(replacement);
        }

        await db.SaveChangesAsync(cancellationToken);
        await ReloadAsync(CancellationToken.None);
        tokens.ForgetAll();
        logger.LogWarning("Revoked {KeyType} key {KeyId}; replacement {ReplacementKeyId}", row.KeyType, row.KeyId, replacement?.KeyId);

        var revokeAuditId = await audit.RecordAsync(
            "key.revoke",
            actor,
            new JsonObject
            {
                ["key_id"] = row.KeyId,
                ["key_type"] = row.KeyType,
                ["reason"] = reason,
                ["replacement_key_id"] = replacement?.KeyId,
            },
            CancellationToken.None);
        var rotateAuditId = replacement is null
            ? null
            : await audit.RecordAsync("key.rotate", actor, RotationData(replacement, row.KeyId), CancellationToken.None);

        await AnnounceAsync(
            replacement?.KeyId ?? row.KeyId,
            row.KeyType,
            replacement?.RotationReason ?? $"revoked: {reason}",
            now,
            rotateAuditId ?? revokeAuditId);

        ring.TryGet(row.KeyId, out var revoked);
        KeyView? replacementView = replacement is not null && ring.TryGet(replacement.KeyId, out var loaded) ? KeyView.Of(loaded, now) : null;
        return new KeyRevocation(KeyView.Of(revoked, now), replacementView, revokeAuditId);
    }

    /// <summary>Rotates each key type whose active key is due within the lead time (and has no successor yet).</summary>
    public async Task<IReadOnlyList<KeyRotation>> RotateDueKeysAsync(int rotationDays, TimeSpan lead, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        var rotations = new List<KeyRotation>();
        foreach (var keyType in KeyTypes)
        {
            var now = clock.GetUtcNow();
            if (NextRotationPreparation(keyType, now, rotationDays, lead) is { } prepareAt && prepareAt <= now)
            {
                var current = ring.TrySigningKeyFor(keyType, now);
                var due = current is null ? now : current.ValidAfter.AddDays(rotationDays);
                rotations.Add(await RotateLockedAsync(keyType, $"scheduled rotation every {rotationDays} days", due, Caller.System.AuditName, now));
            }
        }

        return rotations;
    }

    /// <summary>
    /// When the next key of a type should be created: its active key's <c>valid_after</c> + the rotation
    /// period, less the lead time; null while a successor is already pending.
    /// </summary>
    public DateTimeOffset? NextRotationPreparation(string keyType, DateTimeOffset now, int rotationDays, TimeSpan lead)
    {
        if (ring.All().Any(k => k.KeyType == keyType && k.StatusAt(now) == KeyStatus.Pending))
        {
            return null;
        }

        var current = ring.TrySigningKeyFor(keyType, now);
        return current is null ? now : current.ValidAfter.AddDays(rotationDays) - lead;
    }

    /// <summary>
    /// Writes down what time has already made true: a pending key whose <c>valid_after</c> passed is
    /// active, and a key replaced more than <see cref="KeyRing.SigningGrace"/> ago is retired (its
    /// private half is then dropped from memory). Answers when the next such change falls due.
    /// </summary>
    public async Task<DateTimeOffset?> SettleAsync(CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var rows = await db.SigningKeys
            .Where(k => k.RevokedAt == null && (k.Status == KeyStatus.Pending || k.Status == KeyStatus.Active))
            .ToListAsync(cancellationToken);
        var changed = false;
        DateTimeOffset? next = null;
        foreach (var row in rows)
        {
            if (!ring.TryGet(row.KeyId, out var key))
            {
                continue;
            }

            if (row.Status == KeyStatus.Pending)
            {
                if (now >= row.ValidAfter)
                {
                    row.Status = KeyStatus.Active;
                    changed = true;
                    logger.LogInformation("{KeyType} key {KeyId} is now active", row.KeyType, row.KeyId);
                }
                else
                {
                    next = Earliest(next, row.ValidAfter);
                }
            }

            if (key.RetiresAt is { } retiresAt)
            {
                if (now >= retiresAt + KeyRing.SigningGrace)
                {
                    row.Status = KeyStatus.Retired;
                    row.RetiredAt = retiresAt;
                    changed = true;
                    logger.LogInformation("{KeyType} key {KeyId} is retired", row.KeyType, row.KeyId);
                }
                else
                {
                    next = Earliest(next, retiresAt + KeyRing.SigningGrace);
                }
            }
        }

        if (changed)
        {
            await db.SaveChangesAsync(cancellationToken);
            await ReloadAsync(cancellationToken);
        }

        return next;
    }

    public IReadOnlyList<KeyView> List(DateTimeOffset now) => ring.All().Select(k => KeyView.Of(k, now)).ToArray();

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value <= b ? value : b;

    private static JsonObject RotationData(SigningKey key, string? previousKeyId) => new()
    {
        ["key_id"] = key.KeyId,
        ["key_type"] = key.KeyType,
        ["rotation_reason"] = key.RotationReason,
        ["valid_after"] = BluxTime.ToText(key.ValidAfter),
        ["previous_key_id"] = previousKeyId,
    };

    private async Task<KeyRotation> RotateLockedAsync(string keyType, string reason, DateTimeOffset? requestedValidAfter, string actor, DateTimeOffset now)
    {
        now = BluxTime.Truncate(now);
        var validAfter = requestedValidAfter is { } requested && requested > now ? BluxTime.Truncate(requested) : now;
        var previous = ring.TrySigningKeyFor(keyType, now);
        var key = SigningKeyFactory.Create(keyType, validAfter <= now ? KeyStatus.Active : KeyStatus.Pending, CreationTime(now), validAfter, masterKey, clock, reason);
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(CancellationToken.None);

        string auditId;
        try
        {
            auditId = await audit.RecordAsync("key.rotate", actor, RotationData(key, previous?.KeyId), CancellationToken.None);
        }
        catch
        {
            // Not yet in the ring, so nothing has used it: the rotation simply did not happen.
            await db.SigningKeys.Where(k => k.KeyId == key.KeyId).ExecuteDeleteAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            throw;
        }

        await ReloadAsync(CancellationToken.None);
        logger.LogInformation("Rotated {KeyType}: key {KeyId} signs from {ValidAfter}, replacing {PreviousKeyId}", keyType, key.KeyId, key.ValidAfter, previous?.KeyId);
        await AnnounceAsync(key.KeyId, keyType, reason, validAfter, auditId);

        ring.TryGet(key.KeyId, out var loaded);
        var previousView = previous is not null && ring.TryGet(previous.KeyId, out var previousLoaded) ? KeyView.Of(previousLoaded, now) : null;
        return new KeyRotation(KeyView.Of(loaded, now), previousView, auditId);
    }

    /// <summary>
    /// Now, or just after the newest key if that is not earlier: keys with the same <c>valid_after</c>
    /// take effect in creation order, so creation times must be distinct and increasing.
    /// </summary>
    private DateTimeOffset CreationTime(DateTimeOffset now)
    {
        var newest = ring.All().Select(k => k.CreatedAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        return newest < now ? now : BluxTime.Truncate(newest).AddMilliseconds(1);
    }

    private async Task ReloadAsync(CancellationToken cancellationToken) =>
        ring.Reload(await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken), masterKey);

    /// <summary>
    /// Publishes <c>KeyRotate</c> once the change is committed, audited and in force. A failure to publish
    /// is logged and does not undo the change: key users also refresh on their own (ADR 0003).
    /// </summary>
    private async Task AnnounceAsync(string keyId, string keyType, string reason, DateTimeOffset validAfter, string auditId)
    {
        try
        {
            await events.PublishAsync([new KeyRotate(EventOrigin.New(clock, BluxSources.Reg, auditId), keyId, keyType, RotationReason: reason, validAfter)], CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "KeyRotate for {KeyType} key {KeyId} could not be published; the change stays in force", keyType, keyId);
        }
    }
}

internal sealed record KeyRotation(KeyView Key, KeyView? Previous, string AuditId);

internal sealed record KeyRevocation(KeyView Key, KeyView? Replacement, string AuditId);
