using Microsoft.Extensions.Configuration;

namespace Blux.SharedKernel.Modules;

/// <summary>Where Blux keeps its files; the seed's environment names win over appsettings.json.</summary>
public static class BluxPaths
{
    public static string DataPath(IConfiguration configuration) =>
        Path.GetFullPath(configuration["BLUX_DATA_PATH"] ?? configuration["Blux:DataPath"] ?? "./data");

    public static string LogPath(IConfiguration configuration) =>
        Path.GetFullPath(configuration["BLUX_LOG_PATH"] ?? configuration["Blux:LogPath"] ?? "./logs");

    /// <summary>The connection string of a module's own SQLite file under the data path.</summary>
    public static string SqliteConnectionString(IConfiguration configuration, string module)
    {
        var dataPath = DataPath(configuration);
        Directory.CreateDirectory(dataPath);
        return $"Data Source={Path.Combine(dataPath, module + ".db")};Pooling=True";
    }
}
