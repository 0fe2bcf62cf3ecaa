using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.Deployment;

/// <summary>
/// A TLS block Blux cannot serve as written stops the start: one line on standard error naming
/// the setting, a non-zero exit code, and nothing written to the data directory.
/// </summary>
[Collection(DeploymentCollection.Name)]
public sealed class TlsSettingsRefusalTests : IDisposable
{
    private readonly string _dataPath = TestDirectory.New();
    private readonly string _certificatesPath = TestDirectory.New();
    private readonly TestCertificates _certificates;

    public TlsSettingsRefusalTests() => _certificates = new TestCertificates(_certificatesPath);

    public static TheoryData<string, string> Refusals() => new()
    {
        { "missing_chain_file", "BLUX_TLS_CERT_CHAIN" },
        { "key_of_another_certificate", "BLUX_TLS_PRIVATE_KEY" },
        { "chain_file_without_certificate", "BLUX_TLS_CERT_CHAIN" },
        { "key_without_chain", "BLUX_TLS_CERT_CHAIN" },
        { "verify_client_without_ca", "BLUX_TLS_CA_CERT" },
        { "verify_client_not_a_boolean", "BLUX_TLS_VERIFY_CLIENT" },
        { "verify_client_without_tls", "BLUX_TLS_VERIFY_CLIENT" },
        { "ca_file_not_pem", "BLUX_TLS_CA_CERT" },
        { "tls_on_an_http_listener", "urls (--urls or ASPNETCORE_URLS)" },
        { "https_listener_without_tls", "Blux:Listen" },
        { "chain_in_appsettings_names_the_key", "Blux:Tls:CertChain" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_tls_block_blux_cannot_serve_stops_the_start_with_one_line_naming_the_setting(string refusal, string setting)
    {
        var garbage = Path.Combine(_certificatesPath, "garbage.pem");
        await File.WriteAllTextAsync(garbage, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        var tls = new Dictionary<string, string>
        {
            ["BLUX_TLS_CERT_CHAIN"] = _certificates.ServerChainPem,
            ["BLUX_TLS_PRIVATE_KEY"] = _certificates.ServerKeyPem,
        };
        var https = "https://127.0.0.1:" + HostProcess.FreePort();
        (Dictionary<string, string> environment, string? listen) = refusal switch
        {
            "missing_chain_file" => (With(tls, "BLUX_TLS_CERT_CHAIN", Path.Combine(_certificatesPath, "absent.pem")), https),
            "key_of_another_certificate" => (With(tls, "BLUX_TLS_PRIVATE_KEY", _certificates.OtherKeyPem), https),
            "chain_file_without_certificate" => (With(tls, "BLUX_TLS_CERT_CHAIN", _certificates.ServerKeyPem), https),
            "key_without_chain" => (new Dictionary<string, string> { ["BLUX_TLS_PRIVATE_KEY"] = _certificates.ServerKeyPem }, https),
            "verify_client_without_ca" => (With(tls, "BLUX_TLS_VERIFY_CLIENT", "true"), https),
            "verify_client_not_a_boolean" => (With(With(tls, "BLUX_TLS_CA_CERT", _certificates.CaPem), "BLUX_TLS_VERIFY_CLIENT", "yes"), https),
            "verify_client_without_tls" => (new Dictionary<string, string> { ["BLUX_TLS_VERIFY_CLIENT"] = "true", ["BLUX_TLS_CA_CERT"] = _certificates.CaPem }, "http://127.0.0.1:" + HostProcess.FreePort()),
            "ca_file_not_pem" => (With(tls, "BLUX_TLS_CA_CERT", garbage), https),
            "tls_on_an_http_listener" => (tls, "http://127.0.0.1:" + HostProcess.FreePort()),
            "https_listener_without_tls" => (new Dictionary<string, string> { ["Blux__Listen"] = https }, null),
            "chain_in_appsettings_names_the_key" => (new Dictionary<string, string> { ["Blux__Tls__CertChain"] = garbage, ["Blux__Tls__PrivateKey"] = _certificates.ServerKeyPem }, https),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
        };

        var arguments = listen is null ? [] : new[] { "--urls", listen };
        var (exitCode, _, standardError) = await HostProcess.RunToExitAsync(HostProcess.StartInfo(_dataPath, environment, arguments));

        exitCode.Should().NotBe(0);
        var lines = standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle().Which.Should().StartWith($"Blux cannot start: {setting}");
        Directory.EnumerateFileSystemEntries(_dataPath).Should().BeEmpty();
    }

    public void Dispose()
    {
        _certificates.Dispose();
        TestDirectory.Delete(_dataPath);
        TestDirectory.Delete(_certificatesPath);
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings, string key, string value) =>
        new(settings) { [key] = value };
}
