using Blux.Modules.Reg.Data;
using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Startup;
using Blux.SharedKernel.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Blux.UnitTests.Reg;

/// <summary>
/// reg.db keeps a key's status and an identity's kind and status as the texts earlier versions wrote, so a
/// store written before these were enums opens unchanged; a text Blux never writes is a fault, never a default.
/// </summary>
public sealed class RegStoredVocabularyTests : IAsyncLifetime
{
    private static readonly (KeyStatus Member, string Text)[] KeyStatuses =
        [(KeyStatus.Pending, "pending"), (KeyStatus.Active, "active"), (KeyStatus.Retired, "retired"), (KeyStatus.Revoked, "revoked")];

    private static readonly (IdentityKind Member, string Text)[] Kinds = [(IdentityKind.User, "user"), (IdentityKind.Service, "service")];

    private static readonly (IdentityStatus Member, string Text)[] IdentityStatuses = [(IdentityStatus.Active, "active"), (IdentityStatus.Disabled, "disabled")];

    private readonly string _path = Path.Combine(Path.GetTempPath(), "blux-unit-" + Guid.NewGuid().ToString("N") + ".db");

    public async Task InitializeAsync()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public void Every_member_has_its_pinned_text()
    {
        KeyStatuses.Select(p => p.Member).Should().Equal(Enum.GetValues<KeyStatus>());
        Kinds.Select(p => p.Member).Should().Equal(Enum.GetValues<IdentityKind>());
        IdentityStatuses.Select(p => p.Member).Should().Equal(Enum.GetValues<IdentityStatus>());
    }

    [Fact]
    public async Task A_key_status_is_written_as_its_text_and_that_text_reads_back_as_the_member()
    {
        await AddKeyAsync("key_a", KeyStatus.Active);
        foreach (var (member, text) in KeyStatuses)
        {
            await using (var db = Open())
            {
                var key = await db.SigningKeys.SingleAsync();
                key.Status = member;
                await db.SaveChangesAsync();
            }

            Scalar("SELECT status FROM signing_keys WHERE key_id = 'key_a'").Should().Be(text);

            Execute($"UPDATE signing_keys SET status = '{text}'");
            await using (var db = Open())
            {
                (await db.SigningKeys.AsNoTracking().SingleAsync()).Status.Should().Be(member, text);
                (await db.SigningKeys.CountAsync(k => k.Status == member)).Should().Be(1, "a query on the member finds the row with its text");
            }
        }
    }

    [Fact]
    public async Task An_identitys_kind_and_status_are_written_as_their_texts_and_read_back()
    {
        foreach (var (kind, kindText) in Kinds)
        {
            foreach (var (status, statusText) in IdentityStatuses)
            {
                var id = $"{kindText}_{statusText}";
                await AddIdentityAsync(id, kind, status);
                Scalar($"SELECT kind || '/' || status FROM identities WHERE id = '{id}'").Should().Be($"{kindText}/{statusText}");
            }
        }

        Execute("UPDATE identities SET status = 'disabled' WHERE id = 'user_active'");
        await using var db = Open();
        var read = await db.Identities.AsNoTracking().ToDictionaryAsync(i => i.Id);
        read["user_active"].Status.Should().Be(IdentityStatus.Disabled);
        read["service_disabled"].Kind.Should().Be(IdentityKind.Service);
        read["service_active"].Status.Should().Be(IdentityStatus.Active);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("Active")]
    [InlineData(" active")]
    [InlineData("active\n")]
    [InlineData("")]
    [InlineData("0")]
    public async Task A_key_status_Blux_never_writes_fails_the_read_and_is_never_taken_for_a_signing_key(string text)
    {
        await AddKeyAsync("key_good", KeyStatus.Active);
        await AddKeyAsync("key_odd", KeyStatus.Active);
        Execute("UPDATE signing_keys SET status = $text WHERE key_id = 'key_odd'", text);

        await using var db = Open();
        var read = () => db.SigningKeys.AsNoTracking().ToListAsync();
        (await read.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("must be pending, active, retired or revoked");

        // The settling pass asks for pending and active keys by their texts: the odd row is not among them.
        var signing = await db.SigningKeys.AsNoTracking().Where(k => k.Status == KeyStatus.Pending || k.Status == KeyStatus.Active).ToListAsync();
        signing.Select(k => k.KeyId).Should().Equal("key_good");
    }

    [Fact]
    public async Task An_identity_status_Blux_never_writes_fails_the_read()
    {
        await AddIdentityAsync("svc_a", IdentityKind.Service, IdentityStatus.Active);
        Execute("UPDATE identities SET status = 'enabled'");

        await using var db = Open();
        var read = () => db.Identities.AsNoTracking().SingleAsync(i => i.Id == "svc_a");
        (await read.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("must be active or disabled");
        (await db.Identities.CountAsync(i => i.Status == IdentityStatus.Active)).Should().Be(0, "the row is not active by any query");
    }

    [Fact]
    public async Task The_start_check_names_each_unknown_row_bounded_and_escaped()
    {
        string[] odd = ["expired", "Active", "\uD800", new string('x', 100_000), "a\"b\u0000c", "REVOKED", "retired "];
        await AddKeyAsync("key_good", KeyStatus.Retired);
        for (var i = 0; i < odd.Length; i++)
        {
            await AddKeyAsync($"key_{i}", KeyStatus.Active);
            Execute($"UPDATE signing_keys SET status = $text WHERE key_id = 'key_{i}'", odd[i]);
        }

        await AddIdentityAsync("svc_a", IdentityKind.Service, IdentityStatus.Active);
        Execute("UPDATE identities SET kind = 7");

        await using var db = Open();
        var keys = await StoredVocabulary.UnknownAsync<SigningKey, KeyStatus>(db, nameof(SigningKey.Status), "signing key", CancellationToken.None);
        var kinds = await StoredVocabulary.UnknownAsync<RegisteredIdentity, IdentityKind>(db, nameof(RegisteredIdentity.Kind), "identity", CancellationToken.None);
        var statuses = await StoredVocabulary.UnknownAsync<RegisteredIdentity, IdentityStatus>(db, nameof(RegisteredIdentity.Status), "identity", CancellationToken.None);

        keys.Count.Should().Be(odd.Length);
        keys.Named.Should().HaveCount(StoredVocabulary.MaxNamedRows);
        keys.Named[0].Should().Be("signing key \"key_0\" has status \"expired\", not pending, active, retired or revoked");
        keys.Named.Should().AllSatisfy(line => line.Length.Should().BeLessThan(200));
        keys.Named.Should().NotContain(line => line.Contains('\0') || line.Contains("key_good"));
        kinds.Named.Should().Equal("identity \"svc_a\" has kind \"7\", not user or service");
        statuses.Count.Should().Be(0);

        var all = (keys + kinds + statuses).ToString();
        all.Should().EndWith($"; and {odd.Length + 1 - StoredVocabulary.MaxNamedRows} more");
    }

    private RegDbContext Open()
    {
        var builder = new DbContextOptionsBuilder<RegDbContext>();
        ModuleStoreEngine.Use(builder, $"Data Source={_path};Pooling=False");
        return new RegDbContext(builder.Options);
    }

    private async Task AddKeyAsync(string keyId, KeyStatus status)
    {
        await using var db = Open();
        db.SigningKeys.Add(new SigningKey
        {
            KeyId = keyId,
            KeyType = "token_signing",
            Status = status,
            PublicX = "x",
            PublicY = "y",
            EncryptedPrivateKey = [1],
            CreatedAt = DateTimeOffset.UnixEpoch,
            ValidAfter = DateTimeOffset.UnixEpoch,
        });
        await db.SaveChangesAsync();
    }

    private async Task AddIdentityAsync(string id, IdentityKind kind, IdentityStatus status)
    {
        await using var db = Open();
        db.Identities.Add(new RegisteredIdentity
        {
            Id = id,
            Kind = kind,
            DisplayName = id,
            Roles = ["service"],
            Status = status,
            CreatedAt = DateTimeOffset.UnixEpoch,
            SecretSalt = [1],
            SecretHash = [2],
        });
        await db.SaveChangesAsync();
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql, string? text = null)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (text is not null)
        {
            command.Parameters.AddWithValue("$text", text);
        }

        command.ExecuteNonQuery();
    }
}
