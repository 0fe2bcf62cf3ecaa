using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Reg;

/// <summary>Private keys rest only encrypted, under a master key file Blux creates readable by its owner alone.</summary>
public sealed class KeyStorageTests : IDisposable
{
    private readonly BluxFactory _factory = new();
    private readonly string _masterKeyPath;

    public KeyStorageTests()
    {
        _masterKeyPath = Path.Combine(_factory.DataPath, "secrets", "blux-master.key");
        _factory.Settings["BLUX_MASTER_KEY_PATH"] = _masterKeyPath;
    }

    [Fact]
    public void The_master_key_is_created_where_configured_with_mode_0600()
    {
        using var started = _factory.CreateClient();

        File.Exists(_masterKeyPath).Should().BeTrue();
        new FileInfo(_masterKeyPath).Length.Should().Be(32);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(_masterKeyPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(Path.Combine(_factory.DataPath, "bootstrap-admin.json")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void The_store_holds_no_private_key_in_the_clear()
    {
        using var started = _factory.CreateClient();
        var (_, key) = ForgedTokens.StealTokenKey(_factory.DataPath, masterKeyPath: _masterKeyPath);
        var privateScalar = key.ExportParameters(includePrivateParameters: true).D!;
        var privateDer = key.ExportECPrivateKey();

        var store = string.Join("", Directory.GetFiles(_factory.DataPath, "reg.db*").Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return Convert.ToHexString(memory.ToArray());
        }));

        store.Should().NotContain(Convert.ToHexString(privateScalar)).And.NotContain(Convert.ToHexString(privateDer));
    }

    public void Dispose() => _factory.Dispose();
}
