using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Blux.Benchmarks;

/// <summary>The floor under every audit figure: one ES512 (P-521, SHA-512) signature and one verification.</summary>
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class SignatureCostBenchmarks
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
    private readonly byte[] _data = Encoding.ASCII.GetBytes("sha256-a7fb5482bfc4d4ccc86d7017f209b4e23c6a5d191801eed70cfe7b86714d6057");
    private byte[] _signature = [];

    [GlobalSetup]
    public void Setup() => _signature = _key.SignData(_data, HashAlgorithmName.SHA512);

    [Benchmark]
    public byte[] Sign() => _key.SignData(_data, HashAlgorithmName.SHA512);

    [Benchmark]
    public bool Verify() => _key.VerifyData(_data, _signature, HashAlgorithmName.SHA512);
}
