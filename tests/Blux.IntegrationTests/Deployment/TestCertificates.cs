using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Blux.IntegrationTests.Deployment;

/// <summary>
/// A CA, a server certificate for 127.0.0.1 and client certificates made with
/// <see cref="CertificateRequest"/>, written as the PEM files Blux's TLS settings name.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly List<X509Certificate2> _owned = [];

    public TestCertificates(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        Ca = NewCa("Blux Test CA");
        OtherCa = NewCa("Another CA");
        Server = Issue(Ca, "CN=127.0.0.1", ServerAuthentication, server: true);
        Client = Issue(Ca, "CN=blux-client", ClientAuthentication, server: false);
        ForeignClient = Issue(OtherCa, "CN=blux-client", ClientAuthentication, server: false);
        CaPem = Write("ca.pem", Ca.ExportCertificatePem());
        ServerChainPem = Write("server-chain.pem", Server.ExportCertificatePem());
        ServerKeyPem = Write("server-key.pem", Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        OtherKeyPem = Write("other-key.pem", ForeignClient.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 OtherCa { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public X509Certificate2 ForeignClient { get; }

    public string CaPem { get; }

    public string ServerChainPem { get; }

    public string ServerKeyPem { get; }

    /// <summary>A private key that belongs to no certificate in <see cref="ServerChainPem"/>.</summary>
    public string OtherKeyPem { get; }

    /// <summary>
    /// A client that trusts only <see cref="Ca"/> for the server and presents
    /// <paramref name="clientCertificate"/> when asked (none when null).
    /// </summary>
    public SocketsHttpHandler Handler(X509Certificate2? clientCertificate) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 server && ChainsToCa(server),
            ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
        },
    };

    public void Dispose()
    {
        foreach (var certificate in _owned)
        {
            certificate.Dispose();
        }
    }

    private bool ChainsToCa(X509Certificate2 server)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }

    private X509Certificate2 NewCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return Own(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
    }

    private X509Certificate2 Issue(X509Certificate2 ca, string subject, Oid usage, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(16));
        return Own(issued.CopyWithPrivateKey(key));
    }

    private X509Certificate2 Own(X509Certificate2 certificate)
    {
        _owned.Add(certificate);
        return certificate;
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
