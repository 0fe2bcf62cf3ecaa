using Microsoft.Extensions.Configuration;

namespace Blux.SharedKernel.Settings;

/// <summary>
/// The flat names of docs/contract.md#configuration-names (<c>BLUX_ENV</c>, <c>BLUX_REG_TOKEN_TTL</c>, …) are other names for settings
/// under <c>Blux:</c>: they are copied onto those keys, so every setting is bound and checked in one
/// place, whichever name it was given by. A flat name wins over its key.
/// </summary>
public static class SettingAliases
{
    private static readonly IReadOnlyList<(string Alias, string Key)> Table =
    [
        ("BLUX_ENV", "Blux:Environment"),
        ("BLUX_DATA_PATH", "Blux:DataPath"),
        ("BLUX_LOG_PATH", "Blux:LogPath"),
        ("BLUX_REG_TOKEN_TTL", "Blux:Reg:TokenTtlSeconds"),
        ("BLUX_MASTER_KEY_PATH", "Blux:Reg:MasterKeyPath"),
        ("BLUX_BOOTSTRAP_ADMIN_SECRET", "Blux:Reg:BootstrapAdminSecret"),
    ];

    /// <summary>Every flat name and the key it stands for.</summary>
    public static IReadOnlyList<(string Alias, string Key)> All => Table;

    /// <summary>The keys of the flat names that are set, with their values: the host adds them as the last source.</summary>
    public static IReadOnlyDictionary<string, string?> Mapped(IConfiguration configuration) =>
        Table
            .Where(entry => configuration[entry.Alias] is not null)
            .ToDictionary(entry => entry.Key, entry => configuration[entry.Alias], StringComparer.OrdinalIgnoreCase);

    /// <summary>The name a setting was given by: its flat name when that is set, else its key.</summary>
    public static string NameOf(IConfiguration configuration, string key)
    {
        foreach (var (alias, aliasKey) in Table)
        {
            if (string.Equals(aliasKey, key, StringComparison.OrdinalIgnoreCase) && configuration[alias] is not null)
            {
                return alias;
            }
        }

        return key;
    }
}
