using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Blux.Modules.Reg;
using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Blux.Benchmarks;

/// <summary>
/// Reg's token hot path: issuing a token (one ES512 signature), validating it the first time (one ES512
/// verification plus the claim checks), and validating it again (the remembered path every later request takes).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class RegTokenBenchmarks
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "blux-bench-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _signingInput = new byte[520];
    private TokenService _tokens = null!;
    private string _token = string.Empty;
    private ECDsa _bareKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(new RegOptions { DataPath = _directory, MasterKeyPath = Path.Combine(_directory, "master.key") });
        var masterKey = MasterKey.LoadOrCreate(options.Value.MasterKeyPath);
        var keys = new KeyRing(options);
        var now = clock.GetUtcNow();
        keys.Load(
            [
                SigningKeyFactory.Create(PublicSigningKey.TokenSigning, KeyStatus.Active, now, now, masterKey, clock),
                SigningKeyFactory.Create(PublicSigningKey.AuditSigning, KeyStatus.Active, now, now, masterKey, clock),
            ],
            masterKey,
            RandomNumberGenerator.GetBytes(32));
        var identities = new IdentityDirectory();
        identities.Set("svc_ingest", IdentityKind.Service, IdentityStatus.Active);
        _tokens = new TokenService(keys, identities, clock, options);
        _token = Issue();
        _tokens.Validate(_token);
        _bareKey = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        Encoding.ASCII.GetBytes(_token.AsSpan(0, _signingInput.Length), _signingInput);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Description = "ES512 sign alone (the floor of issuance)")]
    public byte[] Es512SignAlone() => _bareKey.SignData(_signingInput, HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark(Description = "Issue token")]
    public string IssueToken() => Issue();

    [Benchmark(Description = "Validate token, first time")]
    public bool ValidateFirst()
    {
        _tokens.ForgetAll();
        return _tokens.Validate(_token).Valid;
    }

    [Benchmark(Description = "Validate token, remembered")]
    public bool ValidateRemembered() => _tokens.Validate(_token).Valid;

    private string Issue() =>
        _tokens.Issue("svc_ingest", IdentityKind.Service, ["service"], ["tasks:write", "tasks:read", "audit:write"]).AccessToken;
}
