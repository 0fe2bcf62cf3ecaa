using Blux.Host.Stores;
using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Stores;
using Microsoft.Data.Sqlite;

namespace Blux.Host.Backups;

/// <summary>
/// <c>Blux.Host backup &lt;directory&gt;</c>: a consistent copy of the data directory of the Blux configured
/// by the same settings, taken while it runs (or while it is stopped) with SQLite's online backup, in
/// another process beside it. See ADR 0024.
/// </summary>
internal static class BackupCommand
{
    public const string Command = "backup";

    /// <summary>
    /// The order of the stores' snapshots: a store comes before every store that holds what it
    /// refers to. A Lite task moves only after its audit record is durable in Guard (ADR 0009) and
    /// after its reflection note is in Ca; Guard's records are signed with keys from Reg. So each
    /// later snapshot holds everything the earlier ones name, and a restored Blux finds the audit
    /// record of every task and the key of every record.
    /// </summary>
    public static readonly IReadOnlyList<string> SnapshotOrder = ["lite", "ca", "guard", "reg"];

    private const string DatasetsDirectory = "datasets";

    public static int Run(string[] args, TimeProvider clock)
    {
        if (args is not [var targetArgument, ..] || targetArgument.StartsWith('-'))
        {
            Console.Error.WriteLine("usage: Blux.Host backup <directory> [--Blux:DataPath=<data directory>]");
            return 1;
        }

        try
        {
            var configuration = CommandConfiguration.Build(args[1..]);
            var result = Take(configuration, Path.GetFullPath(targetArgument), clock);
            Console.WriteLine(result);
            return 0;
        }
        catch (Exception exception) when (exception is BackupException or InvalidSettingException)
        {
            Console.Error.WriteLine($"backup: {exception.Message}");
            return 1;
        }
    }

    /// <summary>The module stores this build loads, as the host registers them.</summary>
    public static IReadOnlyList<IModuleStore> ModuleStores(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddBluxModules(configuration);
        using var provider = services.BuildServiceProvider();
        var stores = provider.GetServices<IModuleStore>().ToList();
        var unordered = stores.Where(s => !SnapshotOrder.Contains(s.Module)).Select(s => s.Module).ToList();
        if (unordered.Count > 0)
        {
            throw new BackupException($"the store of {string.Join(", ", unordered)} has no place in the backup's order");
        }

        return [.. stores.OrderBy(s => SnapshotOrder.ToList().IndexOf(s.Module))];
    }

    private static string Take(IConfiguration configuration, string target, TimeProvider clock)
    {
        var dataPath = BluxPaths.DataPath(configuration);
        var stores = ModuleStores(configuration);
        if (IsWithin(target, dataPath))
        {
            throw new BackupException($"{target} is inside the data directory {dataPath}; a backup goes outside it, or it is lost with it");
        }

        if (stores.FirstOrDefault(s => !File.Exists(s.FilePath)) is { } missing)
        {
            throw new BackupException($"{missing.FilePath} is missing: {dataPath} is not the data directory of a Blux that has started (BLUX_DATA_PATH)");
        }

        var keyPath = BluxPaths.MasterKeyPath(configuration);
        var keyIncluded = string.Equals(Path.GetDirectoryName(keyPath), dataPath, StringComparison.Ordinal);
        if (keyIncluded && !File.Exists(keyPath))
        {
            throw new BackupException($"{keyPath} is missing: without it the stores' keys cannot be read, and a backup could not be restored");
        }

        var created = PrepareTarget(target);
        try
        {
            var files = new List<string>();
            // Datasets first: one is put in place only after its audit record is durable, so every
            // dataset copied here has its record in the later snapshot of guard.db.
            files.AddRange(CopyDatasets(Path.Combine(dataPath, DatasetsDirectory), target));
            var installation = Snapshot(stores, target);
            var manifest = WriteManifest(stores, target, installation, ManifestFile.Read(Path.Combine(dataPath, StoreManifest.FileName)).Manifest, clock);
            files.AddRange(stores.Select(s => Path.GetFileName(s.FilePath)));
            files.Add(StoreManifest.FileName);
            if (keyIncluded)
            {
                CopyPrivate(keyPath, Path.Combine(target, Path.GetFileName(keyPath)));
                files.Add(Path.GetFileName(keyPath));
            }

            var description = new BackupDescription
            {
                InstallationId = installation,
                TakenAt = manifest.WrittenAt,
                Stores = [.. stores.Select(s => s.Module)],
                MasterKeyIncluded = keyIncluded,
                Files = [.. files.Select(f => Describe(target, f))],
            };
            WritePrivate(Path.Combine(target, BackupDescription.FileName), BackupDescription.Serialize(description));
            var bytes = description.Files.Sum(f => f.Bytes);
            var key = keyIncluded ? "master.key" : $"not master.key (it is kept at {keyPath}: back it up apart)";
            return $"Backed up installation {installation} from {dataPath} to {target}: {string.Join(", ", stores.Select(s => Path.GetFileName(s.FilePath)))}, {StoreManifest.FileName}, {key}, {files.Count(f => f.StartsWith(DatasetsDirectory + "/", StringComparison.Ordinal))} dataset files; {bytes} bytes.";
        }
        catch (Exception exception)
        {
            Clean(target, created);
            throw exception switch
            {
                BackupException => exception,
                SqliteException or IOException or UnauthorizedAccessException => new BackupException(exception.Message.TrimEnd('.'), exception),
                _ => exception,
            };
        }
    }

    /// <summary>
    /// Opens a read transaction on every store, in <see cref="SnapshotOrder"/>, before copying any: the
    /// snapshots are taken within moments of each other, whatever the size of the files, and each
    /// copy is its store exactly as its snapshot saw it (the online backup reads inside the open
    /// transaction). Blux's writers go on meanwhile: in WAL mode a reader holds no writer back.
    /// </summary>
    private static string Snapshot(IReadOnlyList<IModuleStore> stores, string target)
    {
        var sources = new List<(IModuleStore Store, SqliteConnection Connection)>();
        try
        {
            string? installation = null;
            foreach (var store in stores)
            {
                var connection = Named(store.FilePath, () => StoreIdentity.Open(store.FilePath, create: false));
                sources.Add((store, connection));
                Named(store.FilePath, () => StoreIdentity.Execute(connection, "BEGIN"));
                var identity = ReadIdentity(store, connection);
                installation ??= identity.InstallationId;
                if (identity.InstallationId != installation)
                {
                    throw new BackupException($"{store.FilePath} belongs to installation {identity.InstallationId}, the other stores to {installation}: the data directory is not one Blux's");
                }
            }

            foreach (var (store, connection) in sources)
            {
                using var copy = StoreIdentity.Open(Path.Combine(target, Path.GetFileName(store.FilePath)), create: true);
                Named(store.FilePath, () => connection.BackupDatabase(copy));
            }

            return installation!;
        }
        finally
        {
            foreach (var (_, connection) in sources)
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>An SQLite failure on a store, with the store's file named (SQLite's own message does not).</summary>
    private static T Named<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException exception)
        {
            throw new BackupException($"{path}: {exception.Message.TrimEnd('.')}", exception);
        }
    }

    private static void Named(string path, Action action) => Named(path, () =>
    {
        action();
        return true;
    });

    private static StoreIdentity ReadIdentity(IModuleStore store, SqliteConnection connection)
    {
        StoreIdentity? identity;
        try
        {
            identity = StoreIdentity.Read(connection);
        }
        catch (SqliteException exception)
        {
            throw new BackupException($"{store.FilePath} is not a store Blux can back up ({exception.Message.TrimEnd('.')}); start Blux on it once first", exception);
        }

        return identity is not null && identity.Module == store.Module
            ? identity
            : throw new BackupException($"{store.FilePath} is not Blux's {store.Module} store; start Blux on the data directory once first");
    }

    /// <summary>
    /// Checks each copy and records it in a manifest of its own, with marks taken from the copies
    /// themselves: the backup is a set that a start accepts whole, and in which a store swapped for
    /// an older one is refused, as after a clean stop.
    /// </summary>
    private static StoreManifest WriteManifest(IReadOnlyList<IModuleStore> stores, string target, string installation, StoreManifest? live, TimeProvider clock)
    {
        var copies = new List<(IModuleStore Store, string Path, StoreIdentity Identity, System.Text.Json.Nodes.JsonObject? Mark)>();
        foreach (var store in stores)
        {
            var path = Path.Combine(target, Path.GetFileName(store.FilePath));
            using var connection = StoreIdentity.Open(path, create: false);
            using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA quick_check";
                var result = check.ExecuteScalar() as string;
                if (result != "ok")
                {
                    throw new BackupException($"the copy of {store.FilePath} fails SQLite's quick_check ({result}): the store is damaged; see docs/operations.md");
                }
            }

            copies.Add((store, path, StoreIdentity.Read(connection)!, store.CaptureMark(connection)));
        }

        var reference = copies.Select(c => c.Identity.ManifestCopy).Append(live)
            .Where(m => m is not null && m.InstallationId == installation)
            .MaxBy(m => m!.Generation);
        var entries = new SortedDictionary<string, ManifestStore>(StringComparer.Ordinal);
        foreach (var (module, entry) in reference?.Stores.Where(e => stores.All(s => s.Module != e.Key)) ?? [])
        {
            entries[module] = entry;
        }

        foreach (var (store, path, identity, mark) in copies)
        {
            var expected = reference?.Stores.GetValueOrDefault(store.Module);
            entries[store.Module] = new ManifestStore
            {
                File = Path.GetFileName(path),
                StoreId = identity.StoreId,
                Since = expected?.StoreId == identity.StoreId ? expected.Since : identity.CreatedAt,
                Mark = mark,
            };
        }

        var manifest = new StoreManifest
        {
            InstallationId = installation,
            Generation = (reference?.Generation ?? 0) + 1,
            State = StoreManifest.Backup,
            WrittenAt = clock.GetUtcNow(),
            StoppedAt = reference?.StoppedAt,
            Stores = entries,
        };
        var json = ManifestFile.Serialize(manifest);
        foreach (var (_, path, _, _) in copies)
        {
            using (var connection = StoreIdentity.Open(path, create: false))
            {
                StoreIdentity.WriteManifestCopy(connection, json);
                StoreIdentity.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            }

            MakePrivate(path);
        }

        ManifestFile.Write(Path.Combine(target, StoreManifest.FileName), manifest);
        MakePrivate(Path.Combine(target, StoreManifest.FileName));
        return manifest;
    }

    private static IEnumerable<string> CopyDatasets(string source, string target)
    {
        if (!Directory.Exists(source))
        {
            return [];
        }

        var copied = new List<string>();
        CreatePrivateDirectory(Path.Combine(target, DatasetsDirectory));
        foreach (var file in new DirectoryInfo(source).EnumerateFiles())
        {
            // A dataset being staged is not one yet; a link could point anywhere.
            if (file.Name.EndsWith(".tmp", StringComparison.Ordinal) || file.LinkTarget is not null)
            {
                continue;
            }

            CopyPrivate(file.FullName, Path.Combine(target, DatasetsDirectory, file.Name));
            copied.Add($"{DatasetsDirectory}/{file.Name}");
        }

        return copied;
    }

    /// <summary>Creates the target (mode 0700), or accepts an empty directory; answers whether it was created.</summary>
    private static bool PrepareTarget(string target)
    {
        if (File.Exists(target))
        {
            throw new BackupException($"{target} is a file; a backup goes into a new or empty directory");
        }

        if (Directory.Exists(target))
        {
            return Directory.EnumerateFileSystemEntries(target).Any()
                ? throw new BackupException($"{target} exists and is not empty; a backup goes into a new or empty directory")
                : false;
        }

        CreatePrivateDirectory(target);
        return true;
    }

    /// <summary>After a failure nothing half-made is left: the target was new or empty, so all of it is this backup's.</summary>
    private static void Clean(string target, bool created)
    {
        try
        {
            if (created)
            {
                Directory.Delete(target, recursive: true);
                return;
            }

            foreach (var entry in new DirectoryInfo(target).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"backup: {target} could not be cleaned up ({exception.Message.TrimEnd('.')}); delete it, it is not a backup");
        }
    }

    private static BackupFile Describe(string target, string relative)
    {
        var (bytes, sha256) = BackupDescription.Measure(Path.Combine(target, relative));
        return new BackupFile(relative, bytes, sha256);
    }

    internal static void CopyPrivate(string source, string destination)
    {
        using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var to = new FileStream(destination, PrivateNew()))
        {
            from.CopyTo(to);
            to.Flush(flushToDisk: true);
        }
    }

    private static void WritePrivate(string path, string text)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, PrivateNew()))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path);
    }

    internal static FileStreamOptions PrivateNew()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    internal static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The stores hold secrets encrypted under the master key and every task's payload: owner only.</summary>
    private static void MakePrivate(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    internal static bool IsWithin(string path, string directory)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        return full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}

/// <summary>A backup or a restore that cannot be done, with why in one line.</summary>
internal sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);
