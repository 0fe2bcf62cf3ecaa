using System.Security.Cryptography;
using System.Text.Json;
using Blux.SharedKernel.Json;

namespace Blux.Host.Backups;

/// <summary>
/// <c>blux-backup.json</c>: what a backup holds, file by file with its size and SHA-256. Written last,
/// once every file is complete, so a backup without it did not finish; <c>restore</c> checks every
/// file against it before anything is put in place.
/// </summary>
internal sealed record BackupDescription
{
    public const int CurrentFormat = 1;
    public const string FileName = "blux-backup.json";

    public int Format { get; init; } = CurrentFormat;

    public required string InstallationId { get; init; }

    public required DateTimeOffset TakenAt { get; init; }

    /// <summary>The stores in the order their snapshots were taken (ADR 0024).</summary>
    public required IReadOnlyList<string> Stores { get; init; }

    /// <summary>True when <c>master.key</c> is in the backup; false when it is kept outside the data directory.</summary>
    public required bool MasterKeyIncluded { get; init; }

    public required IReadOnlyList<BackupFile> Files { get; init; }

    public static string Serialize(BackupDescription description) =>
        JsonSerializer.Serialize(description, new JsonSerializerOptions(BluxJson.Options) { WriteIndented = true });

    /// <summary>The description in <paramref name="directory"/>, or null with the reason it cannot be used.</summary>
    public static (BackupDescription? Description, string? Problem) Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return (null, $"{path} is missing: this is not a Blux backup, or one that did not finish");
        }

        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > MaxDescriptionBytes)
            {
                return (null, $"{path} is {stream.Length} bytes, more than a backup description holds");
            }

            var description = JsonSerializer.Deserialize<BackupDescription>(stream, BluxJson.Options);
            // The reader does not enforce the declared nullability: a null anywhere is refused here.
            return description switch
            {
                null or { InstallationId: null } or { Stores: null } or { Files: null } => (null, $"{path} holds no backup description"),
                { Format: not CurrentFormat } => (null, $"{path} has format {description.Format}, not one this Blux reads"),
                _ when description.Files.Any(f => f?.Path is null || f.Sha256 is null) => (null, $"{path} lists a file without its path or SHA-256"),
                _ when description.Files.GroupBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice => (null, $"{path} lists {twice.Key} twice"),
                _ => (description, null),
            };
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return (null, $"{path} cannot be used: {exception.Message.TrimEnd('.')}");
        }
    }

    /// <summary>The size and SHA-256 (lower-case hex) of a file.</summary>
    public static (long Bytes, string Sha256) Measure(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return (stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    // Some thousand dataset files at most; a description far larger is not one Blux wrote.
    private const long MaxDescriptionBytes = 16 * 1024 * 1024;
}

/// <summary>One file of a backup: its path relative to the backup (and to the data directory it restores).</summary>
internal sealed record BackupFile(string Path, long Bytes, string Sha256);
