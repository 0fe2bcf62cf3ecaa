namespace Blux.Modules.Lite.Datasets;

/// <summary>A dataset written under temporary names; disposing it without publishing removes them.</summary>
internal sealed class StagedDataset(DatasetInfo info, string csvPath, string metaPath) : IDisposable
{
    private readonly string _suffix = "." + Guid.NewGuid().ToString("N") + DatasetStore.TemporarySuffix;
    private bool _published;

    public DatasetInfo Info { get; } = info;

    public string CsvTemporary => csvPath + _suffix;

    public string MetaTemporary => metaPath + _suffix;

    /// <summary>Puts both files in place (a rename each, which takes no space).</summary>
    public void Publish()
    {
        File.Move(CsvTemporary, csvPath, overwrite: true);
        File.Move(MetaTemporary, metaPath, overwrite: true);
        _published = true;
    }

    public void Dispose()
    {
        if (_published)
        {
            return;
        }

        foreach (var path in new[] { CsvTemporary, MetaTemporary })
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Removed at the next start (RemoveUnfinished).
            }
        }
    }
}
