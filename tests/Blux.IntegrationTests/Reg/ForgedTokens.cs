using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Crypto;
using Microsoft.Data.Sqlite;

namespace Blux.IntegrationTests.Reg;

/// <summary>
/// Hand-made JWTs for the hostile-token tests. <see cref="StealTokenKey"/> does what an attacker holding
/// a copy of the data directory (database and master key file) could do: it decrypts Reg's active token
/// key, so a test can present tokens signed by Blux's own key with claims Blux never issues, and the
/// checks that come after the signature (iss, aud, nbf) are exercised for real.
/// </summary>
internal static class ForgedTokens
{
    public static (string Kid, ECDsa Key) StealTokenKey(string dataPath, string keyType = "token_signing", string? masterKeyPath = null)
    {
        var masterKey = File.ReadAllBytes(masterKeyPath ?? Path.Combine(dataPath, "master.key"));
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataPath, "reg.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key_id, encrypted_private_key FROM signing_keys WHERE key_type = $type AND status = 'active' AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$type", keyType);
        using var reader = command.ExecuteReader();
        reader.Read().Should().BeTrue("the store holds an active key of the type");
        var kid = reader.GetString(0);
        var sealedKey = (byte[])reader[1];

        // AES-256-GCM, stored as nonce (12) | tag (16) | ciphertext.
        var privateKey = new byte[sealedKey.Length - 28];
        using (var aes = new AesGcm(masterKey, 16))
        {
            aes.Decrypt(sealedKey.AsSpan(0, 12), sealedKey.AsSpan(28), sealedKey.AsSpan(12, 16), privateKey);
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportECPrivateKey(privateKey, out _);
        return (kid, ecdsa);
    }

    /// <summary>The claims Blux puts in an admin token, at <paramref name="now"/>.</summary>
    public static JsonObject AdminClaims(DateTimeOffset now) => new()
    {
        ["iss"] = "blux-reg",
        ["aud"] = "blux-ecosystem",
        ["sub"] = "admin",
        ["iat"] = now.ToUnixTimeSeconds(),
        ["nbf"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        ["jti"] = "jti_" + Guid.NewGuid().ToString("N"),
        ["scope"] = new JsonArray("keys:rotate", "identities:read", "identities:write", "audit:read"),
        ["roles"] = new JsonArray("admin"),
        ["kind"] = "user",
    };

    public static JsonObject Header(string alg, string? kid) => kid is null
        ? new JsonObject { ["alg"] = alg, ["typ"] = "JWT" }
        : new JsonObject { ["alg"] = alg, ["kid"] = kid, ["typ"] = "JWT" };

    public static string SigningInput(JsonObject header, JsonObject claims) =>
        Encode(header) + "." + Encode(claims);

    public static string SignEs512(ECDsa key, JsonObject header, JsonObject claims) =>
        SignEs512(key, Encoding.UTF8.GetBytes(header.ToJsonString()), Encoding.UTF8.GetBytes(claims.ToJsonString()));

    /// <summary>Signs header and claims given as raw bytes, which may be JSON no serializer would write.</summary>
    public static string SignEs512(ECDsa key, byte[] header, byte[] claims)
    {
        var input = Base64Url.Encode(header) + "." + Base64Url.Encode(claims);
        return input + "." + Base64Url.Encode(Es512.Sign(key, Encoding.ASCII.GetBytes(input)));
    }

    public static string SignHs512(byte[] secret, JsonObject header, JsonObject claims)
    {
        var input = SigningInput(header, claims);
        return input + "." + Base64Url.Encode(HMACSHA512.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    private static string Encode(JsonObject part) => Base64Url.Encode(Encoding.UTF8.GetBytes(part.ToJsonString()));
}
