using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Crypto;

namespace Blux.Benchmarks;

/// <summary>
/// GET /v1/audit/verify's work per page of 2,000 records: the chain alone (order, prev_hash, record
/// hashes), and with every ES512 signature checked. Divide 2,000 by the time for records per second.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class AuditVerificationBenchmarks
{
    private const int Records = 2000;
    private readonly AuditKeyCache _keys = new();
    private List<AuditRecordRow> _page = [];

    [GlobalSetup]
    public void Setup()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var parameters = key.ExportParameters(false);
        _keys.Add("key_bench", Base64Url.Encode(parameters.Q.X), Base64Url.Encode(parameters.Q.Y));
        var previous = BluxHash.Genesis;
        for (var seq = 1; seq <= Records; seq++)
        {
            var row = new AuditRecordRow
            {
                Seq = seq,
                AuditId = $"aud_{seq:D32}",
                Timestamp = "2026-11-27T08:05:18.472Z",
                Service = "blux-lite",
                Operation = "task.execute",
                Identity = "user:admin",
                InputHash = BluxHash.Sha256("in" + seq),
                OutputHash = BluxHash.Sha256("out" + seq),
                DoctrineFlagsApplied = "[\"audit_all_requests\",\"reflection_used\",\"sandboxed\"]",
                RelatedEvents = "[\"evt_01a21c098fb879598ca32d1a77a3c00a\",\"evt_01a21c098fb8797fae0ac997ad48d2c1\"]",
                Status = "success",
                DurationMs = seq % 50,
                Data = "{\"audit_level\":\"detailed\",\"route\":\"echo\",\"task_id\":\"task_" + seq + "\",\"task_type\":\"echo\"}",
                PrevHash = previous,
                RecordHash = string.Empty,
                KeyId = "key_bench",
                Signature = string.Empty,
            };
            row.RecordHash = AuditRecordForm.ComputeHash(row);
            row.Signature = SignatureFormat.Es512(key.SignData(Encoding.ASCII.GetBytes(row.RecordHash), HashAlgorithmName.SHA512));
            previous = row.RecordHash;
            _page.Add(row);
        }
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public long ChainOnly() => AuditChainCheck.CheckPage(_page, 1, BluxHash.Genesis, null).Checked;

    [Benchmark(OperationsPerInvoke = Records)]
    public long WithSignatures() => AuditChainCheck.CheckPage(_page, 1, BluxHash.Genesis, _keys).Checked;
}
