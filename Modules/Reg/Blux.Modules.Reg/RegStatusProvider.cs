using Blux.Modules.Reg.Security;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Modules;

namespace Blux.Modules.Reg;

/// <summary>Reg's state from memory only; the host adds what its probe of reg.db last found.</summary>
internal sealed class RegStatusProvider(KeyRing keys, TokenService tokens, TimeProvider clock) : IModuleStatusProvider
{
    public string Name => BluxSources.Reg;

    public ValueTask<ModuleStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var keyAges = keys.PublicKeys(now).Select(k => new Dictionary<string, object?>
        {
            ["key_id"] = k.KeyId,
            ["key_type"] = k.KeyType,
            ["status"] = k.Status,
            ["age_days"] = Math.Round((now - k.CreatedAt).TotalDays, 2),
        }).ToArray();
        var status = keys.IsLoaded ? ModuleStatus.Healthy : ModuleStatus.Unhealthy;
        return ValueTask.FromResult(new ModuleStatus(Name, "1.3", status, new Dictionary<string, object?>
        {
            ["keys"] = keyAges,
            ["memory"] = new Dictionary<string, object?>
            {
                ["remembered_tokens"] = MemoryUse.Of(tokens.RememberedCount, tokens.RememberedBytes, tokens.MaxRememberedBytes),
            },
        }));
    }
}
