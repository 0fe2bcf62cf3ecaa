using System.Data.Common;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Stores;
using Microsoft.Extensions.Configuration;

namespace Blux.Modules.Ca.Startup;

/// <summary>
/// ca.db as the host's store check sees it. Its mark is the newest reflection note at a clean stop:
/// notes are never deleted, so a store without it lost notes or is an older copy.
/// </summary>
internal sealed class CaModuleStore(IConfiguration configuration) : IModuleStore
{
    public const string Name = "ca";

    public string Module => Name;

    public string FilePath { get; } = BluxPaths.StorePath(configuration, Name);

    public string OwnTable => "reflections";

    public JsonObject? CaptureMark(DbConnection connection) =>
        StoreSql.FirstRow(connection, "SELECT note_id FROM reflections ORDER BY rowid DESC LIMIT 1") is { } row
            ? new JsonObject { ["newest_note"] = (string)row[0]! }
            : null;

    public string? FindMissing(DbConnection connection, JsonObject mark)
    {
        var noteId = mark["newest_note"]!.GetValue<string>();
        return StoreSql.FirstRow(connection, "SELECT 1 FROM reflections WHERE note_id = $id", ("$id", noteId)) is null
            ? $"reflection note {noteId}, the newest at the last clean stop, is not in it: notes were removed, or the file is an older copy"
            : null;
    }
}
