using System.Security.Cryptography;

namespace Blux.Modules.Reg.Security;

/// <summary>
/// Encrypts Reg's private keys and secrets at rest (AES-256-GCM). The key lives in its own file,
/// created with mode 0600 on first start, so a copy of the database alone reveals nothing.
/// </summary>
internal sealed class MasterKey
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    private MasterKey(byte[] key) => _key = key;

    public static MasterKey LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length != 32)
            {
                throw new InvalidOperationException($"The master key file {path} must hold exactly 32 bytes.");
            }

            return new MasterKey(existing);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(key);
        }

        return new MasterKey(key);
    }

    public byte[] Protect(ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return output;
    }

    public byte[] Unprotect(ReadOnlySpan<byte> protectedData)
    {
        var plaintext = new byte[protectedData.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(protectedData[..NonceSize], protectedData[(NonceSize + TagSize)..], protectedData.Slice(NonceSize, TagSize), plaintext);
        return plaintext;
    }
}
