using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Blux.SharedKernel;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Json;

namespace Blux.Testing;

/// <summary>
/// A client's request-signing key: registered on an identity through POST /v1/identities/{id}/keys,
/// then used to sign task requests the way docs/contract.md#signed-requests says (ES512 over the RFC 8785 form without signature).
/// </summary>
public sealed class RequestSigner : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP521);

    private RequestSigner(string kid) => Kid = kid;

    public string Kid { get; }

    public static async Task<RequestSigner> RegisterAsync(HttpClient adminClient, string identityId = "admin")
    {
        var signer = new RequestSigner("test-" + Guid.NewGuid().ToString("N")[..12]);
        var parameters = signer._key.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-521",
            ["x"] = Base64Url.Encode(parameters.Q.X),
            ["y"] = Base64Url.Encode(parameters.Q.Y),
            ["kid"] = signer.Kid,
        };
        var response = await adminClient.PostAsync($"/v1/identities/{identityId}/keys", Json.Content(new JsonObject { ["jwk"] = jwk }.ToJsonString()));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return signer;
    }

    /// <summary>Sets kid and timestamp (now, unless given) and the signature over everything else.</summary>
    public JsonObject Sign(JsonObject request, DateTimeOffset? at = null)
    {
        var signed = (JsonObject)request.DeepClone();
        signed.Remove("signature");
        signed["kid"] = Kid;
        signed["timestamp"] = BluxTime.ToText(at ?? DateTimeOffset.UtcNow);
        signed["signature"] = SignatureFormat.Es512(Es512.Sign(_key, CanonicalJson.ToUtf8Bytes(signed)));
        return signed;
    }

    public void Dispose() => _key.Dispose();
}
