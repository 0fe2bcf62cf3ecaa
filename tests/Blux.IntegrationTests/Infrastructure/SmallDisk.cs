using System.Diagnostics;

namespace Blux.IntegrationTests.Infrastructure;

/// <summary>
/// A tmpfs of a few kilobytes mounted on a directory: a disk that fills up for real (ENOSPC). Mounting
/// needs root on Linux; tests using it are marked <see cref="SmallDiskFactAttribute"/>.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    public SmallDisk(string directory, int kilobytes)
    {
        Directory.CreateDirectory(directory);
        Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", directory);
        Path = directory;
    }

    public static bool CanMount => OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess && File.Exists("/bin/mount");

    public string Path { get; }

    public void Dispose() => Run("umount", "-l", Path);

    private static void Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        }
    }
}

/// <summary>A test that needs a <see cref="SmallDisk"/>: run as root on Linux, skipped elsewhere.</summary>
public sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (!SmallDisk.CanMount)
        {
            Skip = "Needs root on Linux, to mount a small tmpfs as a disk that fills up.";
        }
    }
}
