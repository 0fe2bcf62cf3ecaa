using Blux.Modules.Reg;
using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Blux.UnitTests.Reg;

/// <summary>Key status worked out at the moment of use: pending → active → retired, or revoked.</summary>
public sealed class KeyRingTests : IDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "blux-unit-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MasterKey _masterKey;
    private readonly KeyRing _ring = new(Options.Create(new RegOptions { DataPath = ".", MasterKeyPath = "unused", TokenTtlSeconds = (int)Ttl.TotalSeconds }));

    public KeyRingTests() => _masterKey = MasterKey.LoadOrCreate(Path.Combine(_directory, "master.key"));

    [Fact]
    public void The_initial_key_signs_and_verifies_its_own_signature()
    {
        var key = NewKey(PublicSigningKey.TokenSigning, KeyStatus.Active, _clock.GetUtcNow());
        _ring.Load([key], _masterKey, [1]);

        var signer = _ring.SigningKeyFor(PublicSigningKey.TokenSigning, _clock.GetUtcNow());
        var signature = signer.Sign("data"u8);

        signer.KeyId.Should().Be(key.KeyId);
        signature.Should().HaveCount(132);
        signer.Verify("data"u8, signature).Should().BeTrue();
        signer.Verify("date"u8, signature).Should().BeFalse();
        signer.MaySignAt(_clock.GetUtcNow()).Should().BeTrue();
        _ring.TrySigningKeyFor(PublicSigningKey.AuditSigning, _clock.GetUtcNow()).Should().BeNull();
    }

    [Fact]
    public void A_pending_key_signs_from_valid_after_and_the_old_token_key_verifies_until_then_plus_ttl()
    {
        var start = _clock.GetUtcNow();
        var old = NewKey(PublicSigningKey.TokenSigning, KeyStatus.Active, start);
        var validAfter = start.AddMinutes(10);
        var next = NewKey(PublicSigningKey.TokenSigning, KeyStatus.Pending, validAfter);
        _ring.Load([old, next], _masterKey, [1]);
        _ring.TryGet(old.KeyId, out var oldKey);
        _ring.TryGet(next.KeyId, out var nextKey);

        _ring.SigningKeyFor(PublicSigningKey.TokenSigning, validAfter.AddTicks(-1)).KeyId.Should().Be(old.KeyId);
        nextKey.StatusAt(validAfter.AddTicks(-1)).Should().Be(KeyStatus.Pending);
        nextKey.AcceptsTokensAt(validAfter.AddTicks(-1)).Should().BeFalse("a pending key's tokens are not valid yet");
        _ring.PublicKeys(start).Select(k => k.KeyId).Should().Contain(next.KeyId, "a pending key is published before it signs");

        _ring.SigningKeyFor(PublicSigningKey.TokenSigning, validAfter).KeyId.Should().Be(next.KeyId);
        oldKey.StatusAt(validAfter).Should().Be(KeyStatus.Retired);
        oldKey.RetiredAtAt(validAfter).Should().Be(validAfter);
        oldKey.VerifiesUntil.Should().Be(validAfter + Ttl);
        oldKey.AcceptsTokensAt(validAfter + Ttl).Should().BeTrue();
        oldKey.AcceptsTokensAt(validAfter + Ttl + TimeSpan.FromTicks(1)).Should().BeFalse();
        _ring.PublicKeys(validAfter + Ttl + TimeSpan.FromSeconds(1)).Select(k => k.KeyId).Should().NotContain(old.KeyId);
    }

    [Fact]
    public void Of_keys_with_the_same_valid_after_the_one_created_last_signs()
    {
        var start = _clock.GetUtcNow();
        var later = SigningKeyFactory.Create(PublicSigningKey.AuditSigning, KeyStatus.Active, start.AddMilliseconds(1), start, _masterKey, _clock);
        var earlier = SigningKeyFactory.Create(PublicSigningKey.AuditSigning, KeyStatus.Active, start, start, _masterKey, _clock);

        _ring.Load([later, earlier], _masterKey, [1]);

        _ring.SigningKeyFor(PublicSigningKey.AuditSigning, start).KeyId.Should().Be(later.KeyId);
        _ring.TryGet(earlier.KeyId, out var replaced);
        replaced.StatusAt(start).Should().Be(KeyStatus.Retired);
    }

    [Fact]
    public void A_retired_audit_key_verifies_forever()
    {
        var start = _clock.GetUtcNow();
        var old = NewKey(PublicSigningKey.AuditSigning, KeyStatus.Active, start);
        var next = NewKey(PublicSigningKey.AuditSigning, KeyStatus.Active, start.AddDays(1));
        _ring.Load([old, next], _masterKey, [1]);
        _ring.TryGet(old.KeyId, out var oldKey);

        var muchLater = start.AddYears(10);
        oldKey.StatusAt(muchLater).Should().Be(KeyStatus.Retired);
        oldKey.VerifiesUntil.Should().BeNull();
        oldKey.VerifiesAt(muchLater).Should().BeTrue();
        _ring.PublicKeys(muchLater).Select(k => k.KeyId).Should().Contain(old.KeyId);
    }

    [Fact]
    public void A_replaced_key_may_finish_a_batch_for_a_minute_and_not_after()
    {
        var start = _clock.GetUtcNow();
        var old = NewKey(PublicSigningKey.AuditSigning, KeyStatus.Active, start);
        var next = NewKey(PublicSigningKey.AuditSigning, KeyStatus.Pending, start.AddMinutes(5));
        _ring.Load([old, next], _masterKey, [1]);
        _ring.TryGet(old.KeyId, out var oldKey);

        oldKey.MaySignAt(start.AddMinutes(5) + KeyRing.SigningGrace - TimeSpan.FromTicks(1)).Should().BeTrue();
        oldKey.MaySignAt(start.AddMinutes(5) + KeyRing.SigningGrace).Should().BeFalse();
    }

    [Fact]
    public void A_revoked_key_neither_verifies_nor_signs_nor_is_published()
    {
        var start = _clock.GetUtcNow();
        var key = NewKey(PublicSigningKey.TokenSigning, KeyStatus.Active, start);
        key.Status = KeyStatus.Revoked;
        key.RevokedAt = start.AddMinutes(1);
        _ring.Load([key], _masterKey, [1]);
        _ring.TryGet(key.KeyId, out var loaded);

        loaded.StatusAt(start).Should().Be(KeyStatus.Revoked);
        loaded.VerifiesAt(start).Should().BeFalse();
        loaded.Material.CanSign.Should().BeFalse("a revoked key's private half is never loaded");
        _ring.TrySigningKeyFor(PublicSigningKey.TokenSigning, start).Should().BeNull();
        _ring.PublicKeys(start).Should().BeEmpty();
    }

    [Fact]
    public void Reloading_keeps_the_key_material_in_memory_and_drops_the_private_half_of_a_retired_key()
    {
        var start = _clock.GetUtcNow();
        var old = NewKey(PublicSigningKey.TokenSigning, KeyStatus.Active, start);
        var next = NewKey(PublicSigningKey.TokenSigning, KeyStatus.Active, start.AddMinutes(1));
        _ring.Load([old, next], _masterKey, [1]);
        _ring.TryGet(old.KeyId, out var before);
        _ring.TryGet(next.KeyId, out var nextBefore);
        var signature = before.Sign("data"u8);

        old.Status = KeyStatus.Retired;
        old.RetiredAt = start.AddMinutes(1);
        _ring.Reload([old, next], _masterKey);

        _ring.TryGet(old.KeyId, out var after);
        _ring.TryGet(next.KeyId, out var nextAfter);
        nextAfter.Material.Should().BeSameAs(nextBefore.Material);
        after.Material.CanSign.Should().BeFalse();
        after.Verify("data"u8, signature).Should().BeTrue();
        before.Sign("still usable by a thread that held the old snapshot"u8).Should().HaveCount(132);
        after.StatusAt(start.AddMinutes(2)).Should().Be(KeyStatus.Retired);
        after.VerifiesUntil.Should().Be(start.AddMinutes(1) + Ttl);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp directory cleanup.
        }
    }

    private SigningKey NewKey(string keyType, KeyStatus status, DateTimeOffset validAfter) =>
        SigningKeyFactory.Create(keyType, status, _clock.GetUtcNow(), validAfter, _masterKey, _clock);
}
