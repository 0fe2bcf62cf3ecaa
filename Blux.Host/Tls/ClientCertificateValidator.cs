using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Blux.Host.Tls;

/// <summary>
/// Accepts a client certificate only if it chains to one of the configured CA certificates: the
/// machine's trust store plays no part, so a certificate from any public CA is refused.
/// </summary>
internal sealed class ClientCertificateValidator(X509Certificate2Collection roots, TimeProvider clock)
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>The shape of Kestrel's <c>ClientCertificateValidation</c>; the platform's verdict is ignored.</summary>
    public bool Validate(X509Certificate2 certificate, X509Chain? presented, SslPolicyErrors platformErrors)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.VerificationTime = clock.GetLocalNow().DateTime;

        // Intermediates the client sent may complete the chain; only the configured roots anchor it.
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span))
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }
        }

        return chain.Build(certificate);
    }
}
