using Microsoft.Extensions.Configuration;

namespace Blux.SharedKernel.Modules;

/// <summary>Where Blux keeps its files; the flat environment names (docs/contract.md#configuration-names) win over appsettings.json.</summary>
public static class BluxPaths
{
    public static string DataPath(IConfiguration configuration) =>
        Path.GetFullPath(configuration["BLUX_DATA_PATH"] ?? configuration["Blux:DataPath"] ?? "./data");

    public static string LogPath(IConfiguration configuration) =>
        Path.GetFullPath(configuration["BLUX_LOG_PATH"] ?? configuration["Blux:LogPath"] ?? "./logs");

    /// <summary>The master key file: <c>BLUX_MASTER_KEY_PATH</c>, else <c>Blux:Reg:MasterKeyPath</c>, else <c>master.key</c> in the data path.</summary>
    public static string MasterKeyPath(IConfiguration configuration) =>
        Path.GetFullPath(configuration["BLUX_MASTER_KEY_PATH"] ?? configuration["Blux:Reg:MasterKeyPath"] ?? Path.Combine(DataPath(configuration), "master.key"));

    /// <summary>A module's own SQLite file under the data path: <c>&lt;data&gt;/&lt;module&gt;.db</c>.</summary>
    public static string StorePath(IConfiguration configuration, string module) =>
        Path.Combine(DataPath(configuration), module + ".db");

    /// <summary>The connection string of a module's own SQLite file under the data path.</summary>
    public static string SqliteConnectionString(IConfiguration configuration, string module)
    {
        Directory.CreateDirectory(DataPath(configuration));
        return $"Data Source={StorePath(configuration, module)};Pooling=True";
    }
}
