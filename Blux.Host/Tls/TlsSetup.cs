using Blux.SharedKernel.Modules;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Blux.Host.Tls;

internal static class TlsSetup
{
    /// <summary>
    /// HTTPS on every listener with the configured chain, and with <c>verify_client</c> a client
    /// certificate from the configured CA required during the handshake. Throws
    /// <see cref="InvalidSettingException"/> for a TLS block Blux cannot serve as written.
    /// </summary>
    public static void AddBluxTls(this WebApplicationBuilder builder)
    {
        var settings = TlsSettings.Load(builder.Configuration);
        if (settings is null)
        {
            return;
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = settings.ServerCertificate;
            https.ServerCertificateChain = settings.Intermediates;
            if (settings.ClientRoots is { } roots)
            {
                var validator = new ClientCertificateValidator(roots, kestrel.ApplicationServices.GetRequiredService<TimeProvider>());
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                // The platform's chain is not the verdict (the validator builds its own), so it must
                // not go out to fetch revocation lists during a handshake either.
                https.CheckCertificateRevocation = false;
                https.ClientCertificateValidation = validator.Validate;
            }
        }));
    }
}
