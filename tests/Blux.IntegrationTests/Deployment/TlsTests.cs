using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.Deployment;

/// <summary>
/// TLS and mutual TLS from the <c>BLUX_TLS_*</c> settings, on a real port of a Blux process: the
/// configured chain is served, and with client verification only a certificate from the
/// configured CA gets past the handshake.
/// </summary>
[Collection(DeploymentCollection.Name)]
public sealed class TlsTests : IDisposable
{
    private readonly string _dataPath = TestDirectory.New();
    private readonly TestCertificates _certificates;

    public TlsTests() => _certificates = new TestCertificates(Path.Combine(_dataPath, "tls"));

    [Fact]
    public async Task With_verify_client_only_a_certificate_of_the_configured_ca_is_served()
    {
        await using var host = await StartAsync(verifyClient: true);

        using var admin = await host.AdminClientAsync(_dataPath, _certificates.Handler(_certificates.Client));
        await FirstTask.CompletesAndIsAuditedAsync(admin);

        await RefusedAsync(host.BaseUrl, clientCertificate: null);
        await RefusedAsync(host.BaseUrl, _certificates.ForeignClient);
        await RefusedAsync(host.BaseUrl, _certificates.Server);

        // The container's probe has no client certificate: it can only see the listener take connections.
        var probe = await HostProcess.RunToExitAsync(HostProcess.StartInfo(_dataPath, Settings(verifyClient: true), "healthcheck", "--urls", host.BaseUrl));
        probe.ExitCode.Should().Be(0, probe.StandardError);
        probe.StandardOutput.Should().Contain("client certificates required");
    }

    [Fact]
    public async Task Without_verify_client_https_serves_the_configured_chain_to_any_client()
    {
        await using var host = await StartAsync(verifyClient: false);

        using var admin = await host.AdminClientAsync(_dataPath, _certificates.Handler(clientCertificate: null));
        await FirstTask.CompletesAndIsAuditedAsync(admin);

        using var plain = new HttpClient { BaseAddress = new Uri(host.BaseUrl.Replace("https://", "http://")) };
        await FluentActions.Awaiting(() => plain.GetAsync("/health")).Should().ThrowAsync<HttpRequestException>();

        // The container's probe trusts exactly the configured server certificate, on a loopback address it does not name.
        var probe = await HostProcess.RunToExitAsync(HostProcess.StartInfo(_dataPath, Settings(verifyClient: false), "healthcheck", "--urls", host.BaseUrl.Replace("127.0.0.1", "0.0.0.0")));
        probe.ExitCode.Should().Be(0, probe.StandardError);
        probe.StandardOutput.Should().Contain("/health: healthy");
    }

    public void Dispose()
    {
        _certificates.Dispose();
        TestDirectory.Delete(_dataPath);
    }

    private async Task<HostProcess> StartAsync(bool verifyClient)
    {
        var baseUrl = $"https://127.0.0.1:{HostProcess.FreePort()}";
        var info = HostProcess.StartInfo(_dataPath, Settings(verifyClient), "--urls", baseUrl);
        return await HostProcess.StartAsync(info, baseUrl, () => _certificates.Handler(_certificates.Client));
    }

    private Dictionary<string, string> Settings(bool verifyClient) => new()
    {
        ["BLUX_TLS_CA_CERT"] = _certificates.CaPem,
        ["BLUX_TLS_CERT_CHAIN"] = _certificates.ServerChainPem,
        ["BLUX_TLS_PRIVATE_KEY"] = _certificates.ServerKeyPem,
        ["BLUX_TLS_VERIFY_CLIENT"] = verifyClient ? "true" : "false",
    };

    private async Task RefusedAsync(string baseUrl, System.Security.Cryptography.X509Certificates.X509Certificate2? clientCertificate)
    {
        using var client = new HttpClient(_certificates.Handler(clientCertificate)) { BaseAddress = new Uri(baseUrl) };
        await FluentActions.Awaiting(() => client.GetAsync("/health")).Should().ThrowAsync<HttpRequestException>();
    }
}
