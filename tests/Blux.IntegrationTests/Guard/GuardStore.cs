using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Json;
using Microsoft.Data.Sqlite;

namespace Blux.IntegrationTests.Guard;

/// <summary>guard.db reached behind Blux's back, the way an intruder with file access would.</summary>
internal static class GuardStore
{
    /// <summary>A record's hash as Blux computes it, and a signature over it by <paramref name="key"/>.</summary>
    public static (string Hash, string Signature) Seal(JsonObject record, ECDsa key)
    {
        var unsealed = (JsonObject)record.DeepClone();
        unsealed.Remove("record_hash");
        unsealed.Remove("signature");
        var hash = BluxHash.Sha256(Encoding.UTF8.GetBytes(CanonicalJson.ToText(unsealed)));
        return (hash, SignatureFormat.Es512(key.SignData(Encoding.ASCII.GetBytes(hash), HashAlgorithmName.SHA512)));
    }

    public static void InsertRecord(string dataPath, JsonObject record, string hash, string signature)
    {
        using var connection = Open(dataPath);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO audit_records (seq, audit_id, timestamp, service, operation, identity, input_hash, output_hash,
                doctrine_flags_applied, related_events, status, duration_ms, data, prev_hash, record_hash, key_id, signature)
            VALUES ($seq, $audit_id, $timestamp, $service, $operation, $identity, $input_hash, $output_hash,
                $flags, $events, $status, $duration, $data, $prev, $hash, $key, $signature)
            """;
        command.Parameters.AddWithValue("$seq", record["seq"]!.GetValue<long>());
        command.Parameters.AddWithValue("$audit_id", record["audit_id"]!.GetValue<string>());
        command.Parameters.AddWithValue("$timestamp", record["timestamp"]!.GetValue<string>());
        command.Parameters.AddWithValue("$service", record["service"]!.GetValue<string>());
        command.Parameters.AddWithValue("$operation", record["operation"]!.GetValue<string>());
        command.Parameters.AddWithValue("$identity", record["identity"]!.GetValue<string>());
        command.Parameters.AddWithValue("$input_hash", (object?)record["input_hash"]?.GetValue<string>() ?? DBNull.Value);
        command.Parameters.AddWithValue("$output_hash", (object?)record["output_hash"]?.GetValue<string>() ?? DBNull.Value);
        command.Parameters.AddWithValue("$flags", record["doctrine_flags_applied"]!.ToJsonString());
        command.Parameters.AddWithValue("$events", record["related_events"]!.ToJsonString());
        command.Parameters.AddWithValue("$status", record["status"]!.GetValue<string>());
        command.Parameters.AddWithValue("$duration", record["duration_ms"]!.GetValue<long>());
        command.Parameters.AddWithValue("$data", CanonicalJson.ToText(record["data"]));
        command.Parameters.AddWithValue("$prev", record["prev_hash"]!.GetValue<string>());
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$key", record["key_id"]!.GetValue<string>());
        command.Parameters.AddWithValue("$signature", signature);
        command.ExecuteNonQuery();
    }

    public static void Execute(string dataPath, string sql)
    {
        using var connection = Open(dataPath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Query(string dataPath, string sql)
    {
        using var connection = Open(dataPath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static SqliteConnection Open(string dataPath)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataPath, "guard.db")};Pooling=False");
        connection.Open();
        return connection;
    }
}
