using System.Data.Common;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Stores;
using Microsoft.Extensions.Configuration;

namespace Blux.Modules.Reg.Startup;

/// <summary>
/// reg.db as the host's store check sees it. Its mark is the newest signing key and the newest
/// identity at a clean stop: neither is ever deleted, so a store without them is an older copy.
/// </summary>
internal sealed class RegModuleStore(IConfiguration configuration) : IModuleStore
{
    public const string Name = "reg";

    public string Module => Name;

    public string FilePath { get; } = BluxPaths.StorePath(configuration, Name);

    public string OwnTable => "signing_keys";

    public JsonObject? CaptureMark(DbConnection connection)
    {
        var key = StoreSql.FirstRow(connection, "SELECT key_id FROM signing_keys ORDER BY rowid DESC LIMIT 1");
        var identity = StoreSql.FirstRow(connection, "SELECT id FROM identities ORDER BY rowid DESC LIMIT 1");
        if (key is null && identity is null)
        {
            return null;
        }

        var mark = new JsonObject();
        if (key is not null)
        {
            mark["newest_key"] = (string)key[0]!;
        }

        if (identity is not null)
        {
            mark["newest_identity"] = (string)identity[0]!;
        }

        return mark;
    }

    public string? FindMissing(DbConnection connection, JsonObject mark)
    {
        if (mark["newest_key"]?.GetValue<string>() is { } keyId
            && StoreSql.FirstRow(connection, "SELECT 1 FROM signing_keys WHERE key_id = $id", ("$id", keyId)) is null)
        {
            return $"signing key {keyId}, the newest at the last clean stop, is not in it: the file is an older copy";
        }

        if (mark["newest_identity"]?.GetValue<string>() is { } identityId
            && StoreSql.FirstRow(connection, "SELECT 1 FROM identities WHERE id = $id", ("$id", identityId)) is null)
        {
            return $"identity {identityId}, the newest at the last clean stop, is not in it: the file is an older copy";
        }

        return null;
    }
}
