using Microsoft.Extensions.Options;

namespace Blux.Host;

/// <summary>
/// Every setting bound and checked before the host is built: building it creates the server from
/// the settings, and starting it runs the modules, which write keys, the bootstrap file and stores.
/// The checks <c>ValidateOnStart</c> registered run here, on a provider of their own that creates
/// nothing but the options; the start runs them again, on what is then known to pass.
/// </summary>
internal static class StartupCheck
{
    /// <summary>The one line that refuses the start, or null.</summary>
    public static string? SettingsRefusal(IServiceCollection services)
    {
        using var settings = services.BuildServiceProvider();
        try
        {
            settings.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException refused)
        {
            return refused.Failures.First();
        }
        catch (AggregateException refused) when (refused.InnerExceptions[0] is OptionsValidationException first)
        {
            return first.Failures.First();
        }
    }
}
