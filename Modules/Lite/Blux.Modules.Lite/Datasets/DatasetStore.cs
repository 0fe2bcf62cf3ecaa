using System.Text;
using Blux.SharedKernel;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Json;
using Blux.SharedKernel.Modules;
using Microsoft.Extensions.Configuration;

namespace Blux.Modules.Lite.Datasets;

/// <summary>
/// CSV datasets under <c>&lt;data&gt;/datasets</c>: each as <c>&lt;name&gt;.csv</c> beside a small
/// <c>&lt;name&gt;.meta.json</c>. A file is written whole to a temporary name and then moved, so a
/// reader never sees half of it.
/// </summary>
internal sealed class DatasetStore(IConfiguration configuration, TimeProvider clock)
{
    private readonly string _directory = Path.Combine(BluxPaths.DataPath(configuration), "datasets");

    public async Task<DatasetInfo> PutAsync(string name, string text, string identity, CancellationToken cancellationToken)
    {
        var table = CsvParser.Parse(text);
        Directory.CreateDirectory(_directory);
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
        await WriteAtomicallyAsync(CsvPath(name), bytes, cancellationToken);
        await WriteAtomicallyAsync(MetaPath(name), Encoding.UTF8.GetBytes(BluxJson.Serialize(info)), cancellationToken);
        return info;
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

    private string CsvPath(string name) => Path.Combine(_directory, name + ".csv");

    private string MetaPath(string name) => Path.Combine(_directory, name + ".meta.json");

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
