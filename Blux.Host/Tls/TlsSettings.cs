using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Blux.SharedKernel.Modules;

namespace Blux.Host.Tls;

/// <summary>
/// The <c>tls</c> block of docs/contract.md#tls (<c>ca_cert</c>, <c>cert_chain</c>, <c>private_key</c>,
/// <c>verify_client</c>) read from <c>BLUX_TLS_*</c> or <c>Blux:Tls:*</c>, with its files loaded.
/// Anything that would leave Blux on plain HTTP, or on TLS other than asked, is refused here.
/// </summary>
internal sealed class TlsSettings
{
    private TlsSettings(X509Certificate2 serverCertificate, X509Certificate2Collection intermediates, X509Certificate2Collection? clientRoots)
    {
        ServerCertificate = serverCertificate;
        Intermediates = intermediates;
        ClientRoots = clientRoots;
    }

    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The certificates after the first in the chain file, sent to clients with it.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>The only roots a client certificate may chain to; null when clients are not verified.</summary>
    public X509Certificate2Collection? ClientRoots { get; }

    /// <summary>Null when no TLS setting is given: Blux listens on plain HTTP.</summary>
    public static TlsSettings? Load(IConfiguration configuration)
    {
        var listen = new ListenSetting(BluxListen.SettingName(configuration), BluxListen.Urls(configuration));
        var caCert = Setting.Read(configuration, "BLUX_TLS_CA_CERT", "Blux:Tls:CaCert");
        var certChain = Setting.Read(configuration, "BLUX_TLS_CERT_CHAIN", "Blux:Tls:CertChain");
        var privateKey = Setting.Read(configuration, "BLUX_TLS_PRIVATE_KEY", "Blux:Tls:PrivateKey");
        var verifyClientSetting = Setting.Read(configuration, "BLUX_TLS_VERIFY_CLIENT", "Blux:Tls:VerifyClient");
        var verifyClient = ParseBoolean(verifyClientSetting);

        if (certChain.Value is null && privateKey.Value is null)
        {
            if (verifyClient || caCert.Value is not null)
            {
                var given = verifyClient ? verifyClientSetting : caCert;
                throw new InvalidSettingException(given.Name, $"needs TLS; set {certChain.Name} and {privateKey.Name} as well.");
            }

            RequireScheme(listen, Uri.UriSchemeHttp, $"an https listener needs {certChain.Name} and {privateKey.Name}");
            return null;
        }

        if (certChain.Value is null || privateKey.Value is null)
        {
            var missing = certChain.Value is null ? certChain : privateKey;
            var given = certChain.Value is null ? privateKey : certChain;
            throw new InvalidSettingException(missing.Name, $"is not set; it is required when {given.Name} is.");
        }

        if (verifyClient && caCert.Value is null)
        {
            throw new InvalidSettingException(caCert.Name, $"is not set; it is required when {verifyClientSetting.Name} is true.");
        }

        RequireScheme(listen, Uri.UriSchemeHttps, $"with {certChain.Name} set every listener must be https");
        var chain = LoadCertificates(certChain);
        var serverCertificate = LoadServerCertificate(certChain, privateKey);
        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < chain.Count; i++)
        {
            intermediates.Add(chain[i]);
        }

        // A CA file given without verify_client is still read, so a broken one is found now and
        // not on the day client verification is switched on.
        var roots = caCert.Value is null ? null : LoadCertificates(caCert);
        return new TlsSettings(serverCertificate, intermediates, verifyClient ? roots : null);
    }

    private static bool ParseBoolean(Setting setting) => setting.Value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" => false,
        "true" => true,
        _ => throw new InvalidSettingException(setting.Name, $"'{setting.Value}' is not allowed; use true or false."),
    };

    private static void RequireScheme(ListenSetting listen, string scheme, string rule)
    {
        foreach (var url in listen.Urls)
        {
            if (!url.StartsWith(scheme + "://", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidSettingException(listen.Name, $"'{url}' is not allowed: {rule}.");
            }
        }
    }

    private static X509Certificate2Collection LoadCertificates(Setting setting)
    {
        var certificates = new X509Certificate2Collection();
        ReadFile(setting, "a PEM file of certificates", () => certificates.ImportFromPemFile(setting.Value!));
        return certificates.Count > 0
            ? certificates
            : throw new InvalidSettingException(setting.Name, $"'{setting.Value}' holds no PEM certificate.");
    }

    private static X509Certificate2 LoadServerCertificate(Setting certChain, Setting privateKey)
    {
        X509Certificate2? withKey = null;
        ReadFile(privateKey, $"an unencrypted PEM private key of the first certificate in {certChain.Name}",
            () => withKey = X509Certificate2.CreateFromPemFile(certChain.Value!, privateKey.Value!));
        using (withKey)
        {
            // A key loaded from PEM is ephemeral; TLS on some platforms (Windows SChannel) needs one
            // that lives with the certificate, which a PKCS#12 round trip gives everywhere.
            return X509CertificateLoader.LoadPkcs12(withKey!.Export(X509ContentType.Pkcs12), password: null);
        }
    }

    private static void ReadFile(Setting setting, string expected, Action read)
    {
        if (!File.Exists(setting.Value))
        {
            throw new InvalidSettingException(setting.Name, $"'{setting.Value}' does not exist or is not a file.");
        }

        try
        {
            read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidSettingException(setting.Name, $"'{setting.Value}' cannot be read ({e.Message}).");
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // CreateFromPemFile reports a key of another certificate as an ArgumentException.
            throw new InvalidSettingException(setting.Name, $"'{setting.Value}' is not {expected}.");
        }
    }

    private readonly record struct ListenSetting(string Name, IReadOnlyList<string> Urls);

    /// <summary>A setting's value and the name it was given under, for messages that name it.</summary>
    private readonly record struct Setting(string Name, string? Value)
    {
        public static Setting Read(IConfiguration configuration, string environmentName, string key)
        {
            var fromEnvironment = configuration[environmentName];
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return new Setting(environmentName, fromEnvironment);
            }

            var fromKey = NullIfBlank(configuration[key]);
            return new Setting(fromKey is null ? $"{environmentName} (or {key})" : key, fromKey);
        }

        private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
