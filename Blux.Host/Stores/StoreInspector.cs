using System.Buffers.Binary;
using Blux.SharedKernel.Stores;
using Microsoft.Data.Sqlite;

namespace Blux.Host.Stores;

/// <summary>
/// Looks at a module's store file before anything opens it for writing: there, empty, an SQLite
/// database, whole (the size its header promises), sound (<c>PRAGMA quick_check</c>), Blux's, and
/// whose. It never creates, changes or repairs the file.
/// </summary>
internal static class StoreInspector
{
    private static readonly byte[] SqliteMagic = "SQLite format 3\0"u8.ToArray();

    public static StoreInspection Inspect(IModuleStore store, bool quickCheck)
    {
        var path = store.FilePath;
        if (Directory.Exists(path))
        {
            return new(StoreState.Unreadable, "it is a directory, not a file");
        }

        if (!File.Exists(path))
        {
            return new(StoreState.Missing, "it is missing");
        }

        byte[] header = new byte[100];
        long length;
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = stream.Length;
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (UnauthorizedAccessException)
        {
            return new(StoreState.Unreadable, "it cannot be read: permission denied");
        }
        catch (IOException exception)
        {
            return new(StoreState.Unreadable, $"it cannot be read: {exception.Message.TrimEnd('.')}");
        }

        if (length == 0)
        {
            return new(StoreState.Empty, "it is empty (0 bytes)");
        }

        if (read < header.Length || !header.AsSpan(0, SqliteMagic.Length).SequenceEqual(SqliteMagic))
        {
            return new(StoreState.NotSqlite, $"it is not an SQLite database: its first bytes are not the SQLite header ({length} bytes)");
        }

        if (TruncatedBelowHeader(path, header, length) is { } truncated)
        {
            return new(StoreState.Truncated, truncated);
        }

        try
        {
            using var connection = StoreIdentity.Open(path, create: false);
            return Classify(store, connection, quickCheck);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 26)
        {
            return new(StoreState.NotSqlite, $"it is not an SQLite database ({Message(exception)})");
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 11)
        {
            return new(StoreState.Malformed, $"it is malformed ({Message(exception)})");
        }
        catch (SqliteException exception)
        {
            return new(StoreState.Unreadable, $"it cannot be opened ({Message(exception)})");
        }
    }

    /// <summary>
    /// The header states the database's size in pages; a file shorter than that lost its end. While a
    /// write-ahead log holds pages (after a crash) the file may lawfully be shorter, so it is not judged then.
    /// </summary>
    private static string? TruncatedBelowHeader(string path, byte[] header, long length)
    {
        var pageSizeField = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16, 2));
        long pageSize = pageSizeField == 1 ? 65536 : pageSizeField;
        if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0)
        {
            return null;
        }

        var changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24, 4));
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28, 4));
        var validFor = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92, 4));
        var wal = new FileInfo(path + "-wal");
        if (pages == 0 || changeCounter != validFor || (wal.Exists && wal.Length > 0))
        {
            return null;
        }

        var expected = pages * pageSize;
        return length < expected ? $"it is truncated: {length} bytes, where its header says {expected}" : null;
    }

    private static StoreInspection Classify(IModuleStore store, SqliteConnection connection, bool quickCheck)
    {
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (quickCheck)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(1)";
            command.CommandTimeout = 0;
            var result = command.ExecuteScalar() as string;
            if (result != "ok")
            {
                // SQLite words it over several lines, headed "*** in database main ***"; the report is one line.
                var words = (result ?? "no answer").Replace("*** in database main ***", string.Empty, StringComparison.Ordinal)
                    .Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return new(StoreState.Malformed, $"it is malformed (SQLite's quick check: {string.Join("; ", words)})");
            }
        }

        if (tables.Count == 0)
        {
            return new(StoreState.NoTables, "it is an SQLite database with no tables");
        }

        if (!tables.Contains(StoreIdentity.Table, StringComparer.OrdinalIgnoreCase))
        {
            return tables.Contains("__EFMigrationsHistory") && tables.Contains(store.OwnTable)
                ? new(StoreState.EarlierBlux, $"it is a {store.Module} store made by an earlier Blux, with no store identity")
                : new(StoreState.Foreign, $"it is an SQLite database that is not a Blux {store.Module} store (tables: {string.Join(", ", tables.Take(6))}{(tables.Count > 6 ? ", …" : string.Empty)})");
        }

        var identity = StoreIdentity.Read(connection);
        if (identity is null)
        {
            return new(StoreState.Foreign, "its Blux store identity is empty");
        }

        if (identity.Module != store.Module)
        {
            return new(StoreState.Foreign, $"it is the {identity.Module} store of a Blux installation ({identity.StoreId}), not a {store.Module} store");
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA application_id";
            var applicationId = Convert.ToInt64(command.ExecuteScalar());
            if (applicationId != StoreIdentity.ApplicationId)
            {
                return new(StoreState.Foreign, $"its SQLite application id is {applicationId}, not Blux's");
            }
        }

        return new(StoreState.Blux, $"it is {store.Module} store {identity.StoreId}", identity);
    }

    private static string Message(SqliteException exception) => exception.Message.TrimEnd('.');
}
