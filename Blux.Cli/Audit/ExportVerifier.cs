using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.Cli.Crypto;

namespace Blux.Cli.Audit;

/// <summary>
/// Verifies an audit export with no server, from the contract alone (docs/contract.md#audit-record-and-hash-chain, docs/api-guard.md#get-v1auditexport):
/// the keys line, then every record in order (seq from 1 without gaps, prev_hash chaining from
/// the genesis hash, record_hash recomputed over the RFC 8785 form without record_hash and
/// signature, the ES512 signature over the record_hash's ASCII by the key named in key_id, a revoked
/// key only for what it signed before its revocation by the chain's own clock), then every
/// checkpoint (its seq within the chain, head_hash equal to that record's hash, signature over its
/// RFC 8785 form without signature). It stops at the first failure and names it.
/// <para>
/// In strict mode (the default, for files bluxq wrote) each line must also be exactly the RFC 8785
/// form of its JSON, end with a newline, and every key listed must sign something: a change of any
/// byte then changes either a value that is checked or the canonical form, and is found.
/// </para>
/// </summary>
internal sealed class ExportVerifier
{
    public const string GenesisHash = "sha256-0000000000000000000000000000000000000000000000000000000000000000";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly IReadOnlyDictionary<string, (string X, string Y)>? _pinned;
    private readonly bool _strict;
    private readonly Dictionary<string, ExportKey> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _hashes = [];
    private readonly Dictionary<string, long> _signedByRevoked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private DateTimeOffset _chainClock = DateTimeOffset.MinValue;
    private long _checkpoints;
    private long _lastCheckpointSeq;
    private string _section = "start";
    private long _line;

    public ExportVerifier(bool strict, IReadOnlyDictionary<string, (string X, string Y)>? pinned)
    {
        _strict = strict;
        _pinned = pinned;
    }

    public async Task<VerificationResult> VerifyAsync(Stream export, Action<long>? progress, CancellationToken cancellationToken)
    {
        var reader = new LineReader(export);
        VerificationFailure? failure = null;
        try
        {
            while (failure is null)
            {
                var (bytes, terminated) = await reader.NextAsync(cancellationToken);
                if (bytes is null)
                {
                    break;
                }

                _line++;
                progress?.Invoke(reader.BytesRead);
                failure = !terminated && _strict
                    ? Fail(null, null, "truncated_line", "the last line has no newline: the file was cut or appended to")
                    : Line(bytes);
            }
        }
        catch (InvalidDataException exception)
        {
            failure = Fail(null, null, "line_too_long", exception.Message);
        }

        if (failure is null && _section == "start")
        {
            failure = Fail(null, null, "missing_keys", "the export is empty: it has no keys line");
        }

        if (failure is null && _strict && _keys.Keys.FirstOrDefault(k => !_used.Contains(k)) is { } unused)
        {
            failure = new VerificationFailure(1, null, null, "unused_key", $"key {unused} signs no record or checkpoint: bluxq exports list only the keys that sign");
        }

        return new VerificationResult(
            _hashes.Count,
            _checkpoints,
            _hashes.Count == 0 ? null : _hashes.Count,
            _hashes.Count == 0 ? null : _hashes[^1],
            [.. _keys.Keys],
            _pinned is not null,
            _signedByRevoked,
            failure);
    }

    private VerificationFailure? Line(byte[] bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Fail(null, null, "invalid_utf8", "the line is not UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException exception)
        {
            return Fail(null, null, "malformed_json", exception.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            string canonical;
            try
            {
                canonical = root.ValueKind == JsonValueKind.Object ? Jcs.Text(root) : string.Empty;
            }
            catch (FormatException exception)
            {
                return Fail(null, null, "malformed_json", exception.Message);
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String)
            {
                return Fail(null, null, "unknown_line", "a line is an object with kind keys, record or checkpoint");
            }

            if (_strict && canonical != text)
            {
                return Fail(SeqOf(root), IdOf(root), "not_canonical", "the line is not in its RFC 8785 form (a byte was changed, or the file was not written by bluxq: see --lenient)");
            }

            return kind.GetString() switch
            {
                "keys" when _section == "start" => Keys(root),
                "record" when _section is "keys" or "records" => Record(root),
                "checkpoint" when _section is "keys" or "records" or "checkpoints" => Checkpoint(root),
                "keys" or "record" or "checkpoint" => Fail(SeqOf(root), IdOf(root), "out_of_order", $"a {kind.GetString()} line after the {_section}: the order is keys, records, checkpoints"),
                _ => Fail(null, null, "unknown_line", $"unknown kind '{kind.GetString()}'"),
            };
        }
    }

    private VerificationFailure? Keys(JsonElement root)
    {
        _section = "keys";
        if (!root.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return Fail(null, null, "invalid_key", "the keys line has no keys array");
        }

        foreach (var jwk in keys.EnumerateArray())
        {
            var kid = Text(jwk, "kid");
            if (kid is null || Text(jwk, "kty") != "EC" || Text(jwk, "crv") != "P-521"
                || (jwk.TryGetProperty("alg", out _) && Text(jwk, "alg") != "ES512")
                || (jwk.TryGetProperty("use", out _) && Text(jwk, "use") != "sig")
                || jwk.TryGetProperty("d", out _))
            {
                return Fail(null, null, "invalid_key", $"key {kid ?? "(no kid)"} is not an ES512 P-521 public JWK");
            }

            DateTimeOffset? revokedAt = null;
            if (jwk.TryGetProperty("revoked_at", out var revoked))
            {
                if (!TryTime(revoked, out var at))
                {
                    return Fail(null, null, "invalid_key", $"key {kid} has a revoked_at that is not an RFC 3339 UTC time");
                }

                revokedAt = at;
            }

            ECDsa key;
            try
            {
                key = Es512.PublicKey(Text(jwk, "x") ?? string.Empty, Text(jwk, "y") ?? string.Empty);
            }
            catch (FormatException exception)
            {
                return Fail(null, null, "invalid_key", $"key {kid}: {exception.Message}");
            }

            if (!_keys.TryAdd(kid, new ExportKey(key, Text(jwk, "x")!, Text(jwk, "y")!, revokedAt)))
            {
                return Fail(null, null, "invalid_key", $"key {kid} is listed twice");
            }
        }

        return null;
    }

    private VerificationFailure? Record(JsonElement line)
    {
        _section = "records";
        if (!line.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object)
        {
            return Fail(null, null, "malformed_record", "a record line has no record object");
        }

        var seq = SeqOf(line);
        var auditId = IdOf(line);
        var expected = _hashes.Count + 1L;
        if (seq is null || auditId is null)
        {
            return Fail(seq, auditId, "malformed_record", "the record has no integer seq or no audit_id");
        }

        if (seq != expected)
        {
            return Fail(seq, auditId, seq > expected ? "missing_record" : "sequence_out_of_order", $"expected seq {expected}");
        }

        var previous = _hashes.Count == 0 ? GenesisHash : _hashes[^1];
        if (Text(record, "prev_hash") != previous)
        {
            return Fail(seq, auditId, "prev_hash_mismatch", $"prev_hash is not the previous record's hash {previous}");
        }

        var recordHash = Text(record, "record_hash");
        var computed = Hash(Without(record, "record_hash", "signature"));
        if (computed is null || recordHash != computed)
        {
            return Fail(seq, auditId, "record_hash_mismatch", $"the record hashes to {computed ?? "(no RFC 8785 form)"}, not {recordHash}");
        }

        if (!TryTime(record.TryGetProperty("timestamp", out var stamp) ? stamp : default, out var timestamp))
        {
            return Fail(seq, auditId, "malformed_record", "timestamp is not an RFC 3339 UTC time");
        }

        _chainClock = timestamp > _chainClock ? timestamp : _chainClock;
        var keyId = Text(record, "key_id");
        if (keyId is null || !_keys.TryGetValue(keyId, out var key))
        {
            return Fail(seq, auditId, "unknown_key", $"key {keyId} is not in the export's keys");
        }

        if (Untrusted(keyId, key) is { } untrusted)
        {
            return Fail(seq, auditId, "untrusted_key", untrusted);
        }

        if (key.RevokedAt is { } revokedAt)
        {
            if (_chainClock > revokedAt)
            {
                return Fail(seq, auditId, "revoked_key", $"signed by key {keyId} after its revocation at {revokedAt:O} (by the chain's clock)");
            }

            _signedByRevoked[keyId] = _signedByRevoked.GetValueOrDefault(keyId) + 1;
        }

        if (Es512.Check(key.Key, Encoding.ASCII.GetBytes(recordHash!), Text(record, "signature") ?? string.Empty) is { } problem)
        {
            return Fail(seq, auditId, "bad_signature", problem);
        }

        _used.Add(keyId);
        _hashes.Add(recordHash!);
        return null;
    }

    private VerificationFailure? Checkpoint(JsonElement line)
    {
        _section = "checkpoints";
        if (!line.TryGetProperty("checkpoint", out var checkpoint) || checkpoint.ValueKind != JsonValueKind.Object)
        {
            return Fail(null, null, "malformed_checkpoint", "a checkpoint line has no checkpoint object");
        }

        var id = Text(checkpoint, "checkpoint_id");
        long? seq = checkpoint.TryGetProperty("seq", out var s) && s.TryGetInt64(out var n) ? n : null;
        if (seq is null || seq < 1 || seq <= _lastCheckpointSeq)
        {
            return Fail(seq, id, "malformed_checkpoint", "the checkpoint's seq is missing or not above the previous checkpoint's");
        }

        _lastCheckpointSeq = seq.Value;
        if (seq > _hashes.Count)
        {
            return Fail(seq, id, "truncated_tail", $"checkpoint {id} vouches for {seq} records; the export holds {_hashes.Count}");
        }

        if (Text(checkpoint, "head_hash") != _hashes[(int)seq - 1])
        {
            return Fail(seq, id, "checkpoint_mismatch", $"checkpoint {id}'s head_hash is not record {seq}'s hash");
        }

        var keyId = Text(checkpoint, "key_id");
        if (keyId is null || !_keys.TryGetValue(keyId, out var key))
        {
            return Fail(seq, id, "unknown_key", $"key {keyId} is not in the export's keys");
        }

        if (Untrusted(keyId, key) is { } untrusted)
        {
            return Fail(seq, id, "untrusted_key", untrusted);
        }

        byte[] signed;
        try
        {
            signed = Encoding.UTF8.GetBytes(Without(checkpoint, "signature"));
        }
        catch (FormatException exception)
        {
            return Fail(seq, id, "malformed_checkpoint", exception.Message);
        }

        if (Es512.Check(key.Key, signed, Text(checkpoint, "signature") ?? string.Empty) is { } problem)
        {
            return Fail(seq, id, "bad_checkpoint_signature", problem);
        }

        _used.Add(keyId);
        _checkpoints++;
        return null;
    }

    private string? Untrusted(string keyId, ExportKey key)
    {
        if (_pinned is null)
        {
            return null;
        }

        return _pinned.TryGetValue(keyId, out var pinned) && pinned.X == key.X && pinned.Y == key.Y
            ? null
            : $"key {keyId} is not one of the pinned keys (--keys)";
    }

    /// <summary>The RFC 8785 form of an object without some members.</summary>
    private static string Without(JsonElement obj, params string[] names)
    {
        var copy = new JsonObject();
        foreach (var member in obj.EnumerateObject().Where(m => !names.Contains(m.Name)))
        {
            copy[member.Name] = JsonNode.Parse(member.Value.GetRawText());
        }

        using var document = JsonDocument.Parse(copy.ToJsonString());
        return Jcs.Text(document.RootElement);
    }

    private static string? Hash(string canonical) =>
        "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? SeqOf(JsonElement line) =>
        line.TryGetProperty("record", out var r) && r.ValueKind == JsonValueKind.Object && r.TryGetProperty("seq", out var s) && s.TryGetInt64(out var n) ? n
        : line.TryGetProperty("checkpoint", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("seq", out var cs) && cs.TryGetInt64(out var m) ? m
        : null;

    private static string? IdOf(JsonElement line) =>
        line.TryGetProperty("record", out var r) ? Text(r, "audit_id")
        : line.TryGetProperty("checkpoint", out var c) ? Text(c, "checkpoint_id")
        : null;

    private static bool TryTime(JsonElement value, out DateTimeOffset at)
    {
        at = default;
        return value.ValueKind == JsonValueKind.String && value.GetString() is { } text && text.EndsWith('Z')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
    }

    private VerificationFailure Fail(long? seq, string? id, string reason, string message) => new(_line, seq, id, reason, message);

    private sealed record ExportKey(ECDsa Key, string X, string Y, DateTimeOffset? RevokedAt);
}
