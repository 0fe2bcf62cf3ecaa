using System.Security.Cryptography;
using Blux.Host.Stores;
using Blux.SharedKernel;
using Blux.SharedKernel.Modules;

namespace Blux.Host.Backups;

/// <summary>
/// <c>Blux.Host restore &lt;backup&gt; [&lt;data directory&gt;]</c>: checks every file of a backup against its
/// description, copies them beside the new data directory and only then puts them in place, so a
/// restore that stops half-way leaves no data directory Blux would take for a whole one. The data
/// directory must be new or empty. See ADR 0024.
/// </summary>
internal static class RestoreCommand
{
    public const string Command = "restore";

    public static int Run(string[] args, TimeProvider clock)
    {
        var positional = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        if (positional.Count is < 1 or > 2)
        {
            Console.Error.WriteLine("usage: Blux.Host restore <backup directory> [<new data directory>]   (without one: the configured data directory, BLUX_DATA_PATH)");
            return 1;
        }

        try
        {
            var configuration = CommandConfiguration.Build(args[positional.Count..]);
            var target = Path.GetFullPath(positional.Count == 2 ? positional[1] : BluxPaths.DataPath(configuration));
            Console.WriteLine(Restore(Path.GetFullPath(positional[0]), target, configuration, clock));
            return 0;
        }
        catch (Exception exception) when (exception is BackupException or InvalidSettingException)
        {
            Console.Error.WriteLine($"restore: {exception.Message}");
            return 1;
        }
    }

    private static string Restore(string backup, string target, IConfiguration configuration, TimeProvider clock)
    {
        var (description, problem) = BackupDescription.Read(backup);
        if (description is null)
        {
            throw new BackupException(problem!);
        }

        var files = description.Files.Select(f => (File: f, Path: Checked(f.Path))).ToList();
        var listed = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var stores = BackupCommand.ModuleStores(configuration).Select(s => Path.GetFileName(s.FilePath));
        if (stores.Append(StoreManifest.FileName).FirstOrDefault(f => !listed.Contains(f)) is { } absent)
        {
            throw new BackupException($"the backup {backup} has no {absent}: it is not a whole Blux backup");
        }

        if (BackupCommand.IsWithin(target, backup) || BackupCommand.IsWithin(backup, target))
        {
            throw new BackupException($"{target} and the backup {backup} must be apart");
        }

        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new BackupException($"{target} exists and is not empty; a backup is restored into a new or empty data directory");
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.restoring-{clock.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
        try
        {
            BackupCommand.CreatePrivateDirectory(staging);
            foreach (var (file, path) in files)
            {
                Copy(Path.Combine(backup, path), Path.Combine(staging, path), file);
            }

            PutInPlace(staging, target, files.Select(f => f.Path));
        }
        catch (Exception exception)
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw exception is IOException or UnauthorizedAccessException ? new BackupException(exception.Message.TrimEnd('.'), exception) : exception;
        }

        var key = description.MasterKeyIncluded
            ? "master.key"
            : $"no master.key (the backup did not hold it: Blux reads the one at {BluxPaths.MasterKeyPath(configuration)}, which must be the original)";
        return $"Restored installation {description.InstallationId}, backed up at {BluxTime.ToText(description.TakenAt)}, into {target}: {string.Join(", ", description.Stores.Select(s => s + ".db"))}, {StoreManifest.FileName}, {key}, {listed.Count(p => p.StartsWith("datasets/", StringComparison.Ordinal))} dataset files. Start Blux on it, then check GET /v1/audit/verify.";
    }

    /// <summary>
    /// A backup's description is read like any input: only the names a backup holds (a store, the
    /// manifest, the master key, a dataset), never a path that leads out of the backup or the data directory.
    /// </summary>
    private static string Checked(string path)
    {
        var name = path.StartsWith("datasets/", StringComparison.Ordinal) ? path["datasets/".Length..] : path;
        var valid = name.Length is > 0 and <= 255
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            && name is not ("." or "..")
            && (path.StartsWith("datasets/", StringComparison.Ordinal)
                || path is StoreManifest.FileName or "master.key"
                || (path.EndsWith(".db", StringComparison.Ordinal) && !path.Contains('/')));
        return valid ? path : throw new BackupException($"the backup's {BackupDescription.FileName} names \"{path}\", which is not a file a Blux backup holds");
    }

    /// <summary>Copies one file, checking its size and SHA-256 against the description on the way.</summary>
    private static void Copy(string source, string destination, BackupFile expected)
    {
        if (!File.Exists(source))
        {
            throw new BackupException($"{source} is missing: the backup is not whole");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read))
        using (var to = new FileStream(destination, BackupCommand.PrivateNew()))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = from.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                to.Write(buffer, 0, read);
                bytes += read;
                if (bytes > expected.Bytes)
                {
                    break;
                }
            }

            to.Flush(flushToDisk: true);
        }

        if (bytes != expected.Bytes || Convert.ToHexStringLower(hash.GetHashAndReset()) != expected.Sha256)
        {
            throw new BackupException($"{source} is not the file the backup took ({bytes} bytes, expected {expected.Bytes}, or its SHA-256 differs): the backup is damaged");
        }
    }

    /// <summary>
    /// A new data directory is the staging directory renamed, in one step. Into an existing empty one
    /// (a mounted volume) the files move one by one: the stores, the datasets, the manifest, and the
    /// master key last. A set cut short is then missing a store the others name, or the key that
    /// reg.db needs, and the start refuses it rather than taking it for a new installation.
    /// </summary>
    private static void PutInPlace(string staging, string target, IEnumerable<string> paths)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        var ordered = paths.OrderBy(p => p switch
        {
            "master.key" => 3,
            StoreManifest.FileName => 2,
            _ when p.StartsWith("datasets/", StringComparison.Ordinal) => 1,
            _ => 0,
        });
        foreach (var path in ordered)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, path))!);
            File.Move(Path.Combine(staging, path), Path.Combine(target, path));
        }

        Directory.Delete(staging, recursive: true);
    }
}
