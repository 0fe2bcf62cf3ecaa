using System.Security.Cryptography;
using System.Text.Json;
using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Data;
using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Reg.Startup;

/// <summary>
/// Brings Reg's store up to date and makes what a first start needs: the signing keys, the event
/// key and the bootstrap <c>admin</c> identity. Runs before the host accepts requests. A store whose
/// keys the master key cannot open stops the start, naming the file, and no new master key is made for it.
/// </summary>
internal sealed class RegInitializer(
    IServiceScopeFactory scopes,
    KeyRing keyRing,
    RegMetrics metrics,
    IdentityDirectory directory,
    RegModuleStore store,
    TimeProvider clock,
    IOptions<RegOptions> options,
    ILogger<RegInitializer> logger) : ModuleStoreInitializer<RegDbContext>(scopes, store)
{
    protected override async Task InitializeAsync(IServiceProvider services, RegDbContext db, CancellationToken cancellationToken)
    {
        await RefuseUnknownVocabularyAsync(db, cancellationToken);
        var masterKey = await OpenMasterKeyAsync(services, db, cancellationToken);

        var now = clock.GetUtcNow();
        foreach (var keyType in new[] { PublicSigningKey.TokenSigning, PublicSigningKey.AuditSigning })
        {
            if (!await db.SigningKeys.AnyAsync(k => k.KeyType == keyType && k.Status == KeyStatus.Active, cancellationToken))
            {
                var key = SigningKeyFactory.Create(keyType, KeyStatus.Active, now, now, masterKey, clock, "initial");
                db.SigningKeys.Add(key);
                logger.LogInformation("Created {KeyType} key {KeyId}", keyType, key.KeyId);
            }
        }

        var eventSecret = await db.HostSecrets.FindAsync([HostSecret.EventSigningKey], cancellationToken);
        if (eventSecret is null)
        {
            eventSecret = new HostSecret(
                HostSecret.EventSigningKey, EncryptedValue: masterKey.Protect(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), CreatedAt: now);
            db.HostSecrets.Add(eventSecret);
        }

        if (!await db.Identities.AnyAsync(cancellationToken))
        {
            CreateBootstrapAdmin(db, now);
        }

        await db.SaveChangesAsync(cancellationToken);

        try
        {
            keyRing.Load(await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken), masterKey, masterKey.Unprotect(eventSecret.EncryptedValue));
            metrics.ObserveKeyAges();
        }
        catch (CryptographicException)
        {
            throw new StoreStartupException([new StoreProblem(
                store.Module,
                options.Value.MasterKeyPath,
                $"it does not open the keys in {store.FilePath}: they were encrypted under another master key; put the original file back",
                Acceptable: false)]);
        }

        foreach (var identity in await db.Identities.AsNoTracking().ToListAsync(cancellationToken))
        {
            directory.Set(identity.Id, identity.Kind, identity.Status);
        }
    }

    /// <summary>
    /// Stops the start on a key status, identity kind or identity status this version never writes: Reg
    /// cannot tell whether such a key may sign or such an identity may act, so it uses neither, and
    /// rather than run without them it names each row, as it does for keys the master key cannot open.
    /// </summary>
    private async Task RefuseUnknownVocabularyAsync(RegDbContext db, CancellationToken cancellationToken)
    {
        var unknown = await StoredVocabulary.UnknownAsync<SigningKey, KeyStatus>(db, nameof(SigningKey.Status), "signing key", cancellationToken)
            + await StoredVocabulary.UnknownAsync<RegisteredIdentity, IdentityKind>(db, nameof(RegisteredIdentity.Kind), "identity", cancellationToken)
            + await StoredVocabulary.UnknownAsync<RegisteredIdentity, IdentityStatus>(db, nameof(RegisteredIdentity.Status), "identity", cancellationToken);
        if (unknown.Count > 0)
        {
            throw new StoreStartupException([new StoreProblem(
                store.Module,
                store.FilePath,
                $"it holds values this version of Blux never writes ({unknown}); put back the file this version wrote, or run the version that wrote it",
                Acceptable: false)]);
        }
    }

    /// <summary>
    /// The master key, created only for a store that holds no keys yet: a new key would open none of
    /// the keys already in reg.db, and writing one would hide which file went missing.
    /// </summary>
    private async Task<MasterKey> OpenMasterKeyAsync(IServiceProvider services, RegDbContext db, CancellationToken cancellationToken)
    {
        var path = options.Value.MasterKeyPath;
        if (!File.Exists(path) && await db.SigningKeys.AnyAsync(cancellationToken))
        {
            throw new StoreStartupException([new StoreProblem(
                store.Module,
                path,
                $"it is missing, and the keys in {store.FilePath} are encrypted under it; put the original file back",
                Acceptable: false)]);
        }

        try
        {
            return services.GetRequiredService<MasterKey>();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new StoreStartupException([new StoreProblem(store.Module, path, exception.Message.TrimEnd('.'), Acceptable: false)], exception);
        }
    }

    private void CreateBootstrapAdmin(RegDbContext db, DateTimeOffset now)
    {
        var configured = options.Value.BootstrapAdminSecret;
        var secret = string.IsNullOrEmpty(configured) ? SecretHasher.NewSecret() : configured;
        var (salt, hash) = SecretHasher.Hash(secret);
        db.Identities.Add(new RegisteredIdentity
        {
            Id = "admin",
            Kind = IdentityKind.User,
            DisplayName = "Bootstrap administrator",
            Roles = ["admin"],
            Status = IdentityStatus.Active,
            CreatedAt = now,
            SecretSalt = salt,
            SecretHash = hash,
        });

        if (!string.IsNullOrEmpty(configured))
        {
            logger.LogInformation("Created bootstrap identity {ClientId} with the secret from BLUX_BOOTSTRAP_ADMIN_SECRET", "admin");
            return;
        }

        var path = Path.Combine(options.Value.DataPath, "bootstrap-admin.json");
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, fileOptions))
        {
            JsonSerializer.Serialize(stream, new Dictionary<string, string> { ["client_id"] = "admin", ["client_secret"] = secret });
        }

        logger.LogWarning("Created bootstrap identity {ClientId}; its secret is in {BootstrapFile}. Read it, then delete the file", "admin", path);
    }
}
