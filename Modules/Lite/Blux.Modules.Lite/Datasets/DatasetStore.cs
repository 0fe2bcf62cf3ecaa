using System.Text;
using Blux.SharedKernel;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Json;
using Blux.SharedKernel.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Blux.Modules.Lite.Datasets;

/// <summary>
/// CSV datasets under <c>&lt;data&gt;/datasets</c>: each as <c>&lt;name&gt;.csv</c> beside a small
/// <c>&lt;name&gt;.meta.json</c>. A dataset is first staged: both files written whole under temporary
/// names; only once its audit record is durable are they moved into place, so a reader never sees
/// half of one, and a write the disk cannot take (a full disk) leaves nothing behind and answers 503.
/// </summary>
internal sealed class DatasetStore(IConfiguration configuration, TimeProvider clock, ILogger<DatasetStore> logger)
{
    internal const string TemporarySuffix = ".tmp";
    private readonly string _directory = Path.Combine(BluxPaths.DataPath(configuration), "datasets");

    /// <summary>Writes the dataset under temporary names; <see cref="StagedDataset.Publish"/> puts it in place.</summary>
    public async Task<StagedDataset> StageAsync(string name, string text, string identity, CancellationToken cancellationToken)
    {
        var table = CsvParser.Parse(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var info = new DatasetInfo(
            name,
            DatasetReference.For(name),
            table.Rows.Count,
            table.Header,
            bytes.Length,
            BluxHash.Sha256(bytes),
            BluxTime.Truncate(clock.GetUtcNow()),
            identity);
        var staged = new StagedDataset(info, CsvPath(name), MetaPath(name));
        try
        {
            Directory.CreateDirectory(_directory);
            await WriteWholeAsync(staged.CsvTemporary, bytes, cancellationToken);
            await WriteWholeAsync(staged.MetaTemporary, Encoding.UTF8.GetBytes(BluxJson.Serialize(info)), cancellationToken);
            return staged;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            staged.Dispose();
            logger.LogWarning("Dataset {Dataset} could not be written to {Directory}: {Reason}", name, _directory, exception.Message);
            throw Unavailable();
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>Removes what a write cut off by a crash left under a temporary name (at start-up).</summary>
    public void RemoveUnfinished()
    {
        try
        {
            if (Directory.Exists(_directory))
            {
                foreach (var file in Directory.EnumerateFiles(_directory, "*" + TemporarySuffix))
                {
                    File.Delete(file);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Unfinished dataset files in {Directory} could not be removed: {Reason}", _directory, exception.Message);
        }
    }

    public async Task<IReadOnlyList<DatasetInfo>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_directory))
        {
            return [];
        }

        var list = new List<DatasetInfo>();
        foreach (var meta in Directory.EnumerateFiles(_directory, "*.meta.json").Order(StringComparer.Ordinal))
        {
            var info = BluxJson.Deserialize<DatasetInfo>(await File.ReadAllTextAsync(meta, cancellationToken));
            if (info is not null && File.Exists(CsvPath(info.Name)))
            {
                list.Add(info);
            }
        }

        return list;
    }

    public bool Exists(string name) => DatasetReference.IsValidName(name) && File.Exists(CsvPath(name));

    public async Task<string?> ReadAsync(string name, CancellationToken cancellationToken) =>
        Exists(name) ? await File.ReadAllTextAsync(CsvPath(name), cancellationToken) : null;

    internal static BluxException Unavailable() =>
        BluxException.Unavailable("dataset_store", "The dataset could not be written to the data directory; nothing was stored.");

    private string CsvPath(string name) => Path.Combine(_directory, name + ".csv");

    private string MetaPath(string name) => Path.Combine(_directory, name + ".meta.json");

    private static async Task WriteWholeAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await stream.WriteAsync(bytes, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }
}
