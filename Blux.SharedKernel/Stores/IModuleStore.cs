using System.Data.Common;
using System.Text.Json.Nodes;

namespace Blux.SharedKernel.Stores;

/// <summary>
/// A module's SQLite file as the host's store check sees it: where it is, how to tell a store an
/// earlier Blux made from another program's database, and what it holds at a clean stop that must
/// still be there at the next start. Each module registers one; the host checks them all before any
/// module starts and asks them for their marks after every module has stopped.
/// </summary>
public interface IModuleStore
{
    /// <summary>The module's short name, as in the manifest and on the command line: <c>reg</c>, <c>guard</c>, <c>ca</c>, <c>lite</c>.</summary>
    string Module { get; }

    string FilePath { get; }

    /// <summary>A table every store of this module has had since its first migration.</summary>
    string OwnTable { get; }

    /// <summary>What the store holds now that must still be there at the next start; null when it holds nothing yet.</summary>
    JsonObject? CaptureMark(DbConnection connection);

    /// <summary>Null when the store still holds what <paramref name="mark"/> names; otherwise why not, in words.</summary>
    string? FindMissing(DbConnection connection, JsonObject mark);
}
