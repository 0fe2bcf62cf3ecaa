using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Blux.ArchitectureTests.Hosting;

/// <summary>The real Blux host, with its data and logs in directories the test owns.</summary>
public sealed class ArchitectureHostFactory(string dataPath, string logPath) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("BLUX_DATA_PATH", dataPath);
        builder.UseSetting("BLUX_LOG_PATH", logPath);
    }
}
