using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Guard;

/// <summary>
/// Verifies an export with an implementation written here from docs/contract.md#hashes-signatures-and-canonical-json and docs/contract.md#audit-record-and-hash-chain alone — its own JCS,
/// SHA-256 and ES512 against the exported JWKs — using nothing of Blux's code, so the format is
/// provably checkable outside Blux.
/// </summary>
public sealed class OfflineVerifierTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public OfflineVerifierTests(BluxFactory factory)
    {
        _factory = factory;
        _factory.Settings["Blux:Guard:CheckpointEveryRecords"] = "4";
    }

    [Fact]
    public async Task Exported_chain_verifies_with_an_independent_implementation_and_an_edit_does_not()
    {
        using var client = await _factory.AdminClientAsync();
        (await client.PostAsync("/v1/tasks?wait=30", Json.Content(TaskRequest.WholeFlow("echo").ToJsonString()))).EnsureSuccessStatusCode();
        for (var i = 0; i < 6; i++)
        {
            (await client.PostAsync("/v1/audit", Json.Content($"{{\"service\":\"ledger\",\"operation\":\"entry\",\"data\":{{\"amount\":{i}.5,\"note\":\"é ✓ \\u0007\"}}}}"))).EnsureSuccessStatusCode();
        }

        var export = await client.GetStringAsync("/v1/audit/export");

        var (records, checkpoints) = IndependentVerifier.Verify(export);
        records.Should().BeGreaterThanOrEqualTo(9);
        checkpoints.Should().BeGreaterThanOrEqualTo(2);

        var tampered = export.Replace("\"operation\":\"entry\"", "\"operation\":\"erase\"", StringComparison.Ordinal);
        var act = () => IndependentVerifier.Verify(tampered);
        act.Should().Throw<InvalidDataException>().WithMessage("*record_hash*");
    }

    /// <summary>The verifier a third party would write.</summary>
    private static class IndependentVerifier
    {
        public static (int Records, int Checkpoints) Verify(string jsonLines)
        {
            var keys = new Dictionary<string, ECDsa>();
            var hashes = new Dictionary<long, string>();
            var previous = "sha256-" + new string('0', 64);
            long expectedSeq = 1;
            var checkpoints = 0;
            foreach (var line in jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                switch (root.GetProperty("kind").GetString())
                {
                    case "keys":
                        foreach (var jwk in root.GetProperty("keys").EnumerateArray())
                        {
                            keys[jwk.GetProperty("kid").GetString()!] = ECDsa.Create(new ECParameters
                            {
                                Curve = ECCurve.NamedCurves.nistP521,
                                Q = new ECPoint { X = FromBase64Url(jwk.GetProperty("x").GetString()!), Y = FromBase64Url(jwk.GetProperty("y").GetString()!) },
                            });
                        }

                        break;
                    case "record":
                        var record = root.GetProperty("record");
                        var seq = record.GetProperty("seq").GetInt64();
                        Check(seq == expectedSeq, $"seq {seq} where {expectedSeq} was expected");
                        Check(record.GetProperty("prev_hash").GetString() == previous, $"prev_hash of {seq}");
                        var hash = "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Jcs(record, "record_hash", "signature"))));
                        Check(hash == record.GetProperty("record_hash").GetString(), $"record_hash of {seq}");
                        Check(SignatureValid(keys, record.GetProperty("key_id").GetString()!, Encoding.ASCII.GetBytes(hash), record.GetProperty("signature").GetString()!), $"signature of {seq}");
                        hashes[seq] = hash;
                        previous = hash;
                        expectedSeq++;
                        break;
                    case "checkpoint":
                        var checkpoint = root.GetProperty("checkpoint");
                        var at = checkpoint.GetProperty("seq").GetInt64();
                        Check(hashes.TryGetValue(at, out var head) && head == checkpoint.GetProperty("head_hash").GetString(), $"checkpoint at {at}");
                        Check(SignatureValid(keys, checkpoint.GetProperty("key_id").GetString()!, Encoding.UTF8.GetBytes(Jcs(checkpoint, "signature")), checkpoint.GetProperty("signature").GetString()!), $"checkpoint signature at {at}");
                        checkpoints++;
                        break;
                }
            }

            return ((int)expectedSeq - 1, checkpoints);
        }

        private static void Check(bool condition, string what)
        {
            if (!condition)
            {
                throw new InvalidDataException("Verification failed: " + what);
            }
        }

        private static bool SignatureValid(Dictionary<string, ECDsa> keys, string keyId, byte[] data, string signature) =>
            signature.StartsWith("es512-", StringComparison.Ordinal)
            && keys.TryGetValue(keyId, out var key)
            && key.VerifyData(data, FromBase64Url(signature["es512-".Length..]), HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        private static byte[] FromBase64Url(string text)
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
        }

        /// <summary>RFC 8785 for the values audit records hold, written from the RFC.</summary>
        private static string Jcs(JsonElement value, params string[] omit)
        {
            var text = new StringBuilder();
            Write(text, value, omit);
            return text.ToString();
        }

        private static void Write(StringBuilder text, JsonElement value, string[] omitAtTop)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    text.Append('{');
                    var members = value.EnumerateObject().Where(p => !omitAtTop.Contains(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
                    for (var i = 0; i < members.Length; i++)
                    {
                        text.Append(i == 0 ? string.Empty : ",");
                        String(text, members[i].Name);
                        text.Append(':');
                        Write(text, members[i].Value, []);
                    }

                    text.Append('}');
                    break;
                case JsonValueKind.Array:
                    text.Append('[');
                    var first = true;
                    foreach (var item in value.EnumerateArray())
                    {
                        text.Append(first ? string.Empty : ",");
                        first = false;
                        Write(text, item, []);
                    }

                    text.Append(']');
                    break;
                case JsonValueKind.String:
                    String(text, value.GetString()!);
                    break;
                case JsonValueKind.Number:
                    // ECMAScript form for the numbers records carry: integers and short decimals.
                    var number = value.GetDouble();
                    text.Append(number == Math.Floor(number) && Math.Abs(number) < 1e21
                        ? ((long)number).ToString(CultureInfo.InvariantCulture)
                        : number.ToString("R", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(value.GetRawText());
                    break;
            }
        }

        private static void String(StringBuilder text, string value)
        {
            text.Append('"');
            foreach (var c in value)
            {
                text.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                    _ => c.ToString(),
                });
            }

            text.Append('"');
        }
    }
}
