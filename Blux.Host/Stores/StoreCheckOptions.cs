using Blux.SharedKernel.Modules;

namespace Blux.Host.Stores;

/// <summary>How the stores are checked at start-up, and what an operator accepted for this one start.</summary>
internal sealed class StoreCheckOptions
{
    public const string AcceptResetSwitch = "--accept-store-reset";

    public required string DataPath { get; init; }

    /// <summary><c>Blux:Stores:QuickCheckOnStart</c>: run SQLite's <c>PRAGMA quick_check</c> on every store before starting.</summary>
    public bool QuickCheck { get; init; } = true;

    /// <summary>The <c>Blux:Stores</c> settings.</summary>
    internal sealed class Settings
    {
        public const string Section = "Blux:Stores";

        public bool QuickCheckOnStart { get; set; } = true;
    }

    /// <summary>Modules named with <c>--accept-store-reset</c> on this start's command line (never from configuration files).</summary>
    public IReadOnlySet<string> AcceptReset { get; init; } = new HashSet<string>();

    /// <summary>
    /// The modules after <c>--accept-store-reset</c> (as <c>--accept-store-reset guard,lite</c>, or
    /// <c>=</c>, or the switch repeated). Read from the arguments themselves, so that no configuration
    /// file or environment variable can accept a damaged store on every start.
    /// </summary>
    public static IReadOnlySet<string> ParseAcceptReset(IReadOnlyList<string> args)
    {
        var modules = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            string? value = null;
            if (args[i] == AcceptResetSwitch)
            {
                value = i + 1 < args.Count ? args[++i] : throw new InvalidSettingException($"{AcceptResetSwitch} needs the store to accept: reg, guard, ca or lite.");
            }
            else if (args[i].StartsWith(AcceptResetSwitch + "=", StringComparison.Ordinal))
            {
                value = args[i][(AcceptResetSwitch.Length + 1)..];
            }

            foreach (var module in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                modules.Add(module.ToLowerInvariant());
            }
        }

        return modules;
    }
}
