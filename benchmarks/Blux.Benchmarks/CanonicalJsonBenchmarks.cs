using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Json;

namespace Blux.Benchmarks;

/// <summary>The cost of hashing a typical audit record: RFC 8785 form plus SHA-256.</summary>
[MemoryDiagnoser]
public class CanonicalJsonBenchmarks
{
    private readonly JsonObject _record = (JsonObject)JsonNode.Parse("""
        {"audit_id":"aud_01a21c098fb777e29842a3934f34b737","seq":2,"timestamp":"2026-11-27T08:05:18.472Z","service":"blux-lite",
         "operation":"task.create","identity":"user:admin","input_hash":"sha256-5fd34124b03672faa3e86065a92f5c44cee2f9593a14b8473986cc48d5f5351f",
         "output_hash":null,"doctrine_flags_applied":["audit_all_requests","reflection_used","sandboxed"],
         "related_events":["evt_01a21c098fb879598ca32d1a77a3c00a","evt_01a21c098fb8797fae0ac997ad48d2c1"],"status":"success","duration_ms":0,
         "data":{"audit_level":"detailed","task_id":"task_abc123","task_type":"echo","risk":"medium"},
         "prev_hash":"sha256-29a4d770a41258f4e8dbabce5889aae0204da85e290a782631a073ce72be3e83","key_id":"key_01a21c094d207e67bbd49495fd25fd15"}
        """)!;

    [Benchmark]
    public string Canonicalize() => CanonicalJson.ToText(_record);

    [Benchmark]
    public string CanonicalizeAndHash() => BluxHash.OfCanonical(_record);
}
