using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.Cli.Config;

namespace Blux.Cli.Crypto;

/// <summary>
/// A request-signing key: a P-521 private key in a PKCS#8 PEM file (0600). Signs task requests as
/// docs/contract.md#signed-requests says: <c>kid</c> and <c>timestamp</c> set, ES512 (low-S) over the RFC 8785 form without
/// <c>signature</c>.
/// </summary>
internal sealed class SigningKey : IDisposable
{
    private readonly ECDsa _key;

    private SigningKey(ECDsa key, string kid)
    {
        _key = key;
        Kid = kid;
    }

    public string Kid { get; }

    public static SigningKey Generate(string kid) => new(ECDsa.Create(ECCurve.NamedCurves.nistP521), kid);

    public static SigningKey Load(string path, string kid)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"The signing key {path} does not exist: run 'bluxq keys generate'.", ExitCodes.Usage);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new CliException($"{path} is not a PEM EC private key: {exception.Message}", ExitCodes.Usage);
        }

        if (key.KeySize != 521)
        {
            key.Dispose();
            throw new CliException($"{path} holds a {key.KeySize}-bit key; ES512 needs P-521.", ExitCodes.Usage);
        }

        return new SigningKey(key, kid);
    }

    public void Save(string path) => PrivateFile.Write(path, _key.ExportPkcs8PrivateKeyPem() + "\n");

    public JsonObject PublicJwk()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-521",
            ["x"] = Base64Url.Encode(parameters.Q.X),
            ["y"] = Base64Url.Encode(parameters.Q.Y),
            ["kid"] = Kid,
            ["alg"] = "ES512",
            ["use"] = "sig",
        };
    }

    /// <summary>The request with kid, timestamp and signature set (any signature it had is replaced).</summary>
    public JsonObject Sign(JsonObject request, DateTimeOffset now)
    {
        var signed = (JsonObject)request.DeepClone();
        signed.Remove("signature");
        signed["kid"] = Kid;
        signed["timestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        using var document = JsonDocument.Parse(signed.ToJsonString());
        signed["signature"] = Es512.Sign(_key, Jcs.Utf8(document.RootElement));
        return signed;
    }

    public void Dispose() => _key.Dispose();
}
