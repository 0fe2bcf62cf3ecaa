using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Blux.IntegrationTests.Stores;

/// <summary>What happens to a store file behind Blux's back while it is stopped, and what Blux says about it.</summary>
public static class StoreDamage
{
    public const string Deleted = "deleted";
    public const string Emptied = "emptied";
    public const string ForeignSqlite = "foreign_sqlite";
    public const string Truncated = "truncated";
    public const string Garbage = "garbage";
    public const string CorruptPage = "corrupt_page";
    public const string OtherInstallation = "other_installation";

    public static readonly string[] All = [Deleted, Emptied, ForeignSqlite, Truncated, Garbage, CorruptPage, OtherInstallation];

    /// <summary>The words of the reason Blux gives for each damage.</summary>
    public static string ExpectedReason(string damage, string module) => damage switch
    {
        Deleted => "it is missing",
        Emptied => "it is empty (0 bytes)",
        ForeignSqlite => $"that is not a Blux {module} store",
        Truncated => "it is truncated",
        Garbage => "it is not an SQLite database",
        CorruptPage => "it is malformed",
        OtherInstallation => $"it is the {module} store of another Blux installation",
        _ => throw new ArgumentOutOfRangeException(nameof(damage), damage, null),
    };

    public static void Apply(string damage, string dataPath, string module, string otherInstallation)
    {
        var path = StorePath(dataPath, module);
        switch (damage)
        {
            case Deleted:
                File.Delete(path);
                break;
            case Emptied:
                File.WriteAllBytes(path, []);
                break;
            case ForeignSqlite:
                File.Delete(path);
                using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    connection.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('not Blux');";
                    command.ExecuteNonQuery();
                }

                break;
            case Truncated:
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                    stream.SetLength(stream.Length / 2);
                }

                break;
            case Garbage:
                File.WriteAllBytes(path, RandomNumberGenerator.GetBytes((int)new FileInfo(path).Length));
                break;
            case CorruptPage:
                // Random bytes over the page in the middle: the header is intact, the b-tree is not.
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                    const int pageSize = 4096;
                    stream.Position = stream.Length / pageSize / 2 * pageSize;
                    stream.Write(RandomNumberGenerator.GetBytes(pageSize));
                }

                break;
            case OtherInstallation:
                File.Copy(StorePath(otherInstallation, module), path, overwrite: true);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }
    }

    public static string StorePath(string dataPath, string module) => Path.Combine(dataPath, module + ".db");

    /// <summary>The file as it is now (absent, or its bytes' hash), to show that a refused start left it alone.</summary>
    public static string Fingerprint(string path) =>
        File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "absent";
}
