using Blux.Host.Health;

namespace Blux.IntegrationTests.Deployment;

/// <summary>The container's probe asks its own listener on a loopback address when it listens on every address.</summary>
public sealed class HealthProbeTests
{
    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://*:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:8080/", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/")]
    [InlineData("https://blux.example.com:8443", "https://blux.example.com:8443/")]
    [InlineData("http://127.0.0.1", "http://127.0.0.1/")]
    [InlineData("http://[::1]", "http://[::1]/")]
    public void A_wildcard_listen_address_is_probed_on_loopback(string listen, string probed) =>
        HealthProbe.LocalUrl(listen).ToString().Should().Be(probed);
}
