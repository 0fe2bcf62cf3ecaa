using System.Security.Cryptography;
using Blux.Modules.Reg.Domain;
using Blux.SharedKernel;
using Blux.SharedKernel.Crypto;

namespace Blux.Modules.Reg.Security;

internal static class SigningKeyFactory
{
    /// <summary>A new P-521 key whose private half is encrypted under the master key before it is stored.</summary>
    public static SigningKey Create(string keyType, KeyStatus status, DateTimeOffset now, DateTimeOffset validAfter, MasterKey masterKey, TimeProvider clock, string? reason = null)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        return new SigningKey
        {
            KeyId = BluxId.New(BluxId.Key, clock),
            KeyType = keyType,
            Status = status,
            PublicX = Base64Url.Encode(parameters.Q.X),
            PublicY = Base64Url.Encode(parameters.Q.Y),
            EncryptedPrivateKey = masterKey.Protect(ecdsa.ExportECPrivateKey()),
            CreatedAt = now,
            ValidAfter = validAfter,
            RotationReason = reason,
        };
    }
}
