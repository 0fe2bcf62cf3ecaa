namespace Blux.Testing;

/// <summary>Directories a test owns (a host's data, logs, a backup target) under the temp directory.</summary>
public static class TestDirectory
{
    /// <summary>A new, empty directory.</summary>
    public static string New()
    {
        var path = Path.Combine(Path.GetTempPath(), "blux-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Deletes the directory without clearing SQLite's connection pools: clearing them is process-wide
    /// and races with hosts of other test classes that are stopping at the same moment.
    /// </summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS is removed with the temp directory later.
        }
    }
}
