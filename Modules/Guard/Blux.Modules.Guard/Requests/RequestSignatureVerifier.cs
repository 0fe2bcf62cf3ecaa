using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Blux.Modules.Reg.Contracts;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Json;

namespace Blux.Modules.Guard.Requests;

/// <summary>
/// ES512 over the RFC 8785 form of the request without its <c>signature</c> member, by a key the
/// identity registered with Reg (docs/contract.md#signed-requests).
/// </summary>
internal static class RequestSignatureVerifier
{
    public static byte[] SigningBytes(JsonObject request)
    {
        var unsigned = (JsonObject)request.DeepClone();
        unsigned.Remove("signature");
        return CanonicalJson.ToUtf8Bytes(unsigned);
    }

    public static Es512Check Verify(JsonObject request, string signature, RequestSigningKey key)
    {
        if (!SignatureFormat.TryDecode(signature, SignatureFormat.Es512Prefix, out var raw)
            || !Base64Url.TryDecode(key.X, out var x) || !Base64Url.TryDecode(key.Y, out var y))
        {
            return Es512Check.Invalid;
        }

        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP521, Q = new ECPoint { X = x, Y = y } });
        return Es512.Verify(ecdsa, SigningBytes(request), raw);
    }
}
