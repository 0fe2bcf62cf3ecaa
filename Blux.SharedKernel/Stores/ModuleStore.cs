using System.Data.Common;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Modules;
using Microsoft.Extensions.Configuration;

namespace Blux.SharedKernel.Stores;

/// <summary>
/// A module's own store under the data path, named after the module: <c>&lt;data&gt;/&lt;module&gt;.db</c>.
/// A module states only its name, the table that tells its store from another program's, and what
/// its mark holds; where the file is and how it is reached are the same for every module.
/// </summary>
public abstract class ModuleStore(IConfiguration configuration, string module, string ownTable) : IModuleStore
{
    public string Module => module;

    public string FilePath { get; } = BluxPaths.StorePath(configuration, module);

    public string OwnTable => ownTable;

    /// <summary>How the module's DbContext reaches the file; makes the data directory when it is missing.</summary>
    public string ConnectionString() => BluxPaths.SqliteConnectionString(configuration, module);

    public abstract JsonObject? CaptureMark(DbConnection connection);

    public abstract string? FindMissing(DbConnection connection, JsonObject mark);
}
