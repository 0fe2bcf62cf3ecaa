using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Blux.Cli.Config;

namespace Blux.Cli.Http;

/// <summary>The socket handler for a profile: TLS trusting the profile's CA bundle, and its client certificate for mutual TLS.</summary>
internal static class HandlerFactory
{
    public static HttpMessageHandler Create(Settings settings)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), AllowAutoRedirect = false };
        if (settings.ClientCert is not null)
        {
            if (settings.ClientKey is null)
            {
                throw new CliException("client_cert is set without client_key: both PEM files are needed for mutual TLS.", ExitCodes.Usage);
            }

            var certificate = Load(() => X509Certificate2.CreateFromPemFile(settings.ClientCert, settings.ClientKey), "client certificate");
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { certificate };
        }

        if (settings.CaBundle is not null)
        {
            var authorities = new X509Certificate2Collection();
            Load(() => { authorities.ImportFromPemFile(settings.CaBundle); return authorities; }, "CA bundle");
            if (authorities.Count == 0)
            {
                throw new CliException($"The CA bundle {settings.CaBundle} holds no certificate.", ExitCodes.Usage);
            }

            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }

        return handler;
    }

    private static T Load<T>(Func<T> load, string what)
    {
        try
        {
            return load();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new CliException($"The {what} could not be read: {exception.Message}", ExitCodes.Usage);
        }
    }
}
