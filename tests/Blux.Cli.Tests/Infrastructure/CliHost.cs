
namespace Blux.Cli.Tests.Infrastructure;

/// <summary>One real Blux host per test class, with checkpoints every 5 records so exports carry some.</summary>
public sealed class CliHost : IDisposable
{
    public CliHost()
    {
        Factory = new BluxFactory();
        Factory.Settings["Blux:Guard:CheckpointEveryRecords"] = "5";
        _ = Factory.Server;
    }

    public BluxFactory Factory { get; }

    public void Dispose() => Factory.Dispose();
}
