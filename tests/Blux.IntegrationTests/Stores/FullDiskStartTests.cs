using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.Stores;

/// <summary>A first start on a disk with no room: Blux stops with exit code 1 and one line naming the store and the reason.</summary>
public sealed class FullDiskStartTests : IDisposable
{
    private readonly string _dataPath = TestDirectory.New();
    private readonly string _logPath = TestDirectory.New();
    private SmallDisk? _disk;

    public void Dispose()
    {
        _disk?.Dispose();
        TestDirectory.Delete(_dataPath);
        TestDirectory.Delete(_logPath);
    }

    [SmallDiskFact]
    public async Task A_start_on_a_full_disk_stops_with_one_line_naming_the_store()
    {
        _disk = new SmallDisk(_dataPath, kilobytes: 96);

        var (exitCode, output) = await HostProcess.RunUntilExitAsync(_dataPath, new Dictionary<string, string> { ["BLUX_LOG_PATH"] = _logPath });

        var report = string.Join(Environment.NewLine, output);
        exitCode.Should().Be(1, report);
        var line = output.Should().ContainSingle(l => l.Contains("Blux did not start", StringComparison.Ordinal), report).Subject;
        line.Should().MatchRegex($@"{System.Text.RegularExpressions.Regex.Escape(_dataPath)}/\w+\.(db|key|json): ").And.MatchRegex("full|No space left");
        output.Should().NotContain(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal), "the failure is one line, not a stack trace");
    }
}
