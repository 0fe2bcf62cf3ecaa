using System.Data.Common;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Stores;
using Microsoft.Extensions.Configuration;

namespace Blux.Modules.Guard.Startup;

/// <summary>
/// guard.db as the host's store check sees it. Its mark is the audit chain's last record and last
/// checkpoint (written on every clean stop): a chain that no longer reaches them lost its tail.
/// </summary>
internal sealed class GuardModuleStore(IConfiguration configuration) : ModuleStore(configuration, Name, "audit_records")
{
    public const string Name = "guard";

    public override JsonObject? CaptureMark(DbConnection connection)
    {
        var last = StoreSql.FirstRow(connection, "SELECT seq, record_hash FROM audit_records ORDER BY seq DESC LIMIT 1");
        if (last is null)
        {
            return null;
        }

        var mark = new JsonObject { ["seq"] = Convert.ToInt64(last[0]), ["record_hash"] = (string)last[1]! };
        var checkpoint = StoreSql.FirstRow(connection, "SELECT checkpoint_id, seq FROM audit_checkpoints ORDER BY seq DESC LIMIT 1");
        if (checkpoint is not null)
        {
            mark["checkpoint_id"] = (string)checkpoint[0]!;
            mark["checkpoint_seq"] = Convert.ToInt64(checkpoint[1]);
        }

        return mark;
    }

    public override string? FindMissing(DbConnection connection, JsonObject mark)
    {
        var seq = mark["seq"]!.GetValue<long>();
        var expectedHash = mark["record_hash"]!.GetValue<string>();
        var record = StoreSql.FirstRow(connection, "SELECT record_hash FROM audit_records WHERE seq = $seq", ("$seq", seq));
        if (record is null)
        {
            var head = StoreSql.FirstRow(connection, "SELECT MAX(seq) FROM audit_records")?[0];
            return $"the audit chain ends at seq {(head is null ? 0 : Convert.ToInt64(head))}, but it reached seq {seq} at the last clean stop: its tail was cut, or the file is an older copy";
        }

        if ((string)record[0]! != expectedHash)
        {
            return $"audit record {seq} is not the one the last clean stop recorded (record_hash {record[0]}, expected {expectedHash})";
        }

        if (mark["checkpoint_id"]?.GetValue<string>() is { } checkpointId)
        {
            var checkpoint = StoreSql.FirstRow(connection, "SELECT seq FROM audit_checkpoints WHERE checkpoint_id = $id", ("$id", checkpointId));
            if (checkpoint is null || Convert.ToInt64(checkpoint[0]) != mark["checkpoint_seq"]!.GetValue<long>())
            {
                return $"audit checkpoint {checkpointId} (seq {mark["checkpoint_seq"]}), the last one at the last clean stop, is gone";
            }
        }

        return null;
    }
}
