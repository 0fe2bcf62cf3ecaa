namespace Blux.SharedKernel.Settings;

/// <summary>
/// Checks of the paths Blux is given, made before anything is written: each answers what is wrong
/// (the "what is allowed" part of a refusal), or null. They create nothing; a directory that does
/// not exist yet must be one Blux can create.
/// </summary>
public static class SettingPaths
{
    /// <summary>A directory Blux can write to, or one it can create.</summary>
    public static string? WritableDirectoryProblem(string path)
    {
        if (File.Exists(path))
        {
            return $"{Path.GetFullPath(path)} is a file; it must be a directory Blux can write to";
        }

        var existing = NearestExisting(path);
        if (existing is null)
        {
            return "no part of it exists; it must be a directory Blux can write to";
        }

        if (File.Exists(existing))
        {
            return $"{existing} is a file; it must be a directory Blux can write to";
        }

        return CanWriteIn(existing) is { } reason
            ? $"Blux cannot write to {existing} ({reason}); it must be a directory Blux can write to"
            : null;
    }

    /// <summary>A file Blux can read, or, when it does not exist yet, one it can create.</summary>
    public static string? ReadableFileProblem(string path)
    {
        if (Directory.Exists(path))
        {
            return "it is a directory; it must be a file Blux can read";
        }

        if (File.Exists(path))
        {
            try
            {
                using var _ = File.OpenRead(path);
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"Blux cannot read it ({e.Message})";
            }
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        return directory is null ? "it must be a file Blux can read" : WritableDirectoryProblem(directory);
    }

    /// <summary>The path itself or its nearest ancestor that exists (a directory, or a file in the way).</summary>
    private static string? NearestExisting(string path)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(path)); directory is not null; directory = directory.Parent)
        {
            if (directory.Exists || File.Exists(directory.FullName))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a file can be made in <paramref name="directory"/>: a file that is deleted as it is closed,
    /// so the check leaves nothing behind. Asking the file system is the only answer that counts
    /// permissions, ACLs, read-only mounts and a full disk alike.
    /// </summary>
    private static string? CanWriteIn(string directory)
    {
        try
        {
            using var probe = new FileStream(
                Path.Combine(directory, $".blux-write-check-{Guid.NewGuid():N}"),
                FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
