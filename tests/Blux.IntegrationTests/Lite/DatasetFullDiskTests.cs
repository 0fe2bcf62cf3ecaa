using System.Net;
using System.Text;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// Datasets on a disk that fills up: a dataset the disk cannot take is answered 503 with the envelope,
/// like tasks and audit records, and leaves no partial or temporary file; what was stored stays as it
/// was, and uploads that fit still work.
/// </summary>
public sealed class DatasetFullDiskTests : IDisposable
{
    private const string Small = "region,amount\nnorth,10\nsouth,20\n";
    private readonly BluxFactory _factory = new();
    private SmallDisk? _disk;

    public void Dispose()
    {
        _disk?.Dispose();
        _factory.Dispose();
    }

    [SmallDiskFact]
    public async Task A_dataset_the_disk_cannot_take_is_503_and_leaves_no_file_behind()
    {
        using var client = await _factory.AdminClientAsync();
        var directory = Path.Combine(_factory.DataPath, "datasets");
        _disk = new SmallDisk(directory, kilobytes: 64);
        (await client.PutDatasetAsync("sales", Small)).StatusCode.Should().Be(HttpStatusCode.Created);
        var large = new StringBuilder("region,amount\n");
        for (var i = 0; i < 20_000; i++)
        {
            large.Append("region_").Append(i).Append(',').Append(i).Append('\n');
        }

        foreach (var name in new[] { "sales", "large" })
        {
            var response = await client.PutDatasetAsync(name, large.ToString());

            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            var body = await response.BodyAsync();
            body["error"]!["code"]!.GetValue<string>().Should().Be("SERVICE_UNAVAILABLE");
            body["error"]!["details"]!["component"]!.GetValue<string>().Should().Be("dataset_store");
            body["error"]!["timestamp"].Should().NotBeNull();
        }

        Directory.GetFiles(directory).Select(Path.GetFileName).Should().BeEquivalentTo(["sales.csv", "sales.meta.json"], "nothing partial or temporary is left");
        (await File.ReadAllTextAsync(Path.Combine(directory, "sales.csv"))).Should().Be(Small, "the stored dataset is untouched");
        var puts = await (await client.GetAsync("/v1/audit?operation=dataset.put")).BodyAsync();
        puts["entries"]!.AsArray().Should().ContainSingle("only the dataset that was stored is audited as stored");
        (await client.PutDatasetAsync("north", "region,amount\nnorth,1\n")).StatusCode.Should().Be(HttpStatusCode.Created, "what fits is still stored");
    }
}
